using System.Globalization;
using PrepaidMeter.Core;

namespace PrepaidMeter.Meter.Flow;

/// <summary>
/// The flow side of a water or gas meter (docs/water-gas.md, rules W1–W3): the volume that has passed, counted in
/// hundredths of m³ with what is below a hundredth carried, never lost (W1); and the leak watch (W2, W3). Time moves
/// in whole seconds, only through <see cref="Advance"/>, jumping from one flow change to the next — so a year
/// passes in a few thousand steps, and time passed in pieces ends exactly as in one go.
/// </summary>
public sealed class FlowSensor
{
    /// <summary>Litres per hour times seconds that make a hundredth of a m³: 10 L × 3600 s/h.</summary>
    public const long LitreSecondsPerHourPerHundredth = 36_000;

    private readonly LeakWatch _watch;

    // What a call reports, gathered in one list kept for the next call: a water meter advances its sensor at every step,
    // and most steps report nothing, so they allocate nothing.
    private readonly List<FlowEvent> _told = [];

    /// <param name="start">The sensor's clock at the start; whole seconds.</param>
    /// <param name="leak">The model's leak rule; null when the meter watches for none.</param>
    public FlowSensor(DateTimeOffset start, LeakRule? leak)
    {
        WholeSeconds.RequireWhole(start, nameof(start));
        Clock = start;
        _watch = new LeakWatch(leak);
    }

    public DateTimeOffset Clock { get; private set; }

    /// <summary>The volume that has passed, whole hundredths of m³ (the register a CJ/T 188 901F read reports).</summary>
    public Volume Total { get; private set; }

    /// <summary>What has passed below the next hundredth, in litres per hour × seconds (under <see cref="LitreSecondsPerHourPerHundredth"/>).</summary>
    public long Carry { get; private set; }

    /// <summary>Since when the flow has been at or over the leak rule's minimum without a break; null while it is not.</summary>
    public DateTimeOffset? FlowingSince => _watch.FlowingSince;

    /// <summary>The leak flag (W2): up from the moment the rule's window is reached until the flow drops (W3).</summary>
    public bool Leaking => _watch.Leaking;

    /// <summary>Lets <paramref name="duration"/> (whole seconds; a fraction is dropped) pass under <paramref name="flow"/>.</summary>
    public IReadOnlyList<FlowEvent> Advance(TimeSpan duration, FlowProfile flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var end = WholeSeconds.After(Clock, duration);
        var events = _told;
        while (Clock < end)
        {
            Step(end, flow, events);
        }

        // W3 (and the start of a W2 window) at the second the advance ends, so the flag never outlives the flow it flags.
        _watch.Look(Clock, flow.LitresPerHourAt(Clock), events);
        return events.Drain();
    }

    private void Step(DateTimeOffset end, FlowProfile flow, List<FlowEvent> events)
    {
        var now = Clock;
        var litresPerHour = flow.LitresPerHourAt(now);
        _watch.Look(now, litresPerHour, events);
        var stepEnd = end;
        if (flow.NextChangeAfter(now) is { } change)
        {
            stepEnd = WholeSeconds.Min(stepEnd, WholeSecondAtOrAfter(change, now));
        }

        if (_watch.NextEdge is { } window)
        {
            // W2 at its exact second: the step stops where the window closes.
            stepEnd = WholeSeconds.Min(stepEnd, window);
        }

        var seconds = WholeSeconds.Between(now, stepEnd);
        var passed = checked(Carry + (litresPerHour * seconds));
        Total += Volume.FromHundredths(passed / LitreSecondsPerHourPerHundredth);
        Carry = passed % LitreSecondsPerHourPerHundredth;
        Clock = stepEnd;
        _watch.Reached(Clock, litresPerHour, events);
    }

    // A change between two seconds takes effect at the next whole second: the meter's clock has no fractions.
    private static DateTimeOffset WholeSecondAtOrAfter(DateTimeOffset change, DateTimeOffset now)
    {
        var ticks = change.UtcTicks - now.UtcTicks;
        var seconds = Math.Max(1, (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
        return now.AddSeconds(seconds);
    }
}
