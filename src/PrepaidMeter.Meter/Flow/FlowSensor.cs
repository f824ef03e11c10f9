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

    private readonly LeakRule? _leak;

    /// <param name="start">The sensor's clock at the start; whole seconds.</param>
    /// <param name="leak">The model's leak rule; null when the meter watches for none.</param>
    public FlowSensor(DateTimeOffset start, LeakRule? leak)
    {
        WholeSeconds.RequireWhole(start, nameof(start));
        Clock = start;
        _leak = leak;
    }

    public DateTimeOffset Clock { get; private set; }

    /// <summary>The volume that has passed, whole hundredths of m³ (the register a CJ/T 188 901F read reports).</summary>
    public Volume Total { get; private set; }

    /// <summary>What has passed below the next hundredth, in litres per hour × seconds (under <see cref="LitreSecondsPerHourPerHundredth"/>).</summary>
    public long Carry { get; private set; }

    /// <summary>Since when the flow has been at or over the leak rule's minimum without a break; null while it is not.</summary>
    public DateTimeOffset? FlowingSince { get; private set; }

    /// <summary>The leak flag (W2): up from the moment the rule's window is reached until the flow drops (W3).</summary>
    public bool Leaking { get; private set; }

    /// <summary>Lets <paramref name="duration"/> (whole seconds; a fraction is dropped) pass under <paramref name="flow"/>.</summary>
    public IReadOnlyList<FlowEvent> Advance(TimeSpan duration, FlowProfile flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var end = WholeSeconds.After(Clock, duration);
        var events = new List<FlowEvent>();
        while (Clock < end)
        {
            Step(end, flow, events);
        }

        // W3 (and the start of a W2 window) at the second the advance ends, so the flag never outlives the flow it flags.
        WatchForLeak(Clock, flow.LitresPerHourAt(Clock), events);
        return events;
    }

    /// <summary>Everything the sensor is, for the meter's NVRAM (rule N1).</summary>
    internal FlowMemory Save() => new(Clock, Total, Carry, FlowingSince, Leaking);

    internal static FlowSensor Restore(LeakRule? leak, FlowMemory memory) =>
        new(memory.Clock, leak) { Total = memory.Total, Carry = memory.Carry, FlowingSince = memory.FlowingSince, Leaking = memory.Leaking };

    private void Step(DateTimeOffset end, FlowProfile flow, List<FlowEvent> events)
    {
        var now = Clock;
        var litresPerHour = flow.LitresPerHourAt(now);
        WatchForLeak(now, litresPerHour, events);
        var stepEnd = end;
        if (flow.NextChangeAfter(now) is { } change)
        {
            stepEnd = WholeSeconds.Min(stepEnd, WholeSecondAtOrAfter(change, now));
        }

        if (_leak is not null && FlowingSince is { } since && !Leaking)
        {
            // W2 at its exact second: the step stops where the window closes.
            stepEnd = WholeSeconds.Min(stepEnd, since + _leak.ContinuousFor);
        }

        var seconds = WholeSeconds.Between(now, stepEnd);
        var passed = checked(Carry + (litresPerHour * seconds));
        Total += Volume.FromHundredths(passed / LitreSecondsPerHourPerHundredth);
        Carry = passed % LitreSecondsPerHourPerHundredth;
        Clock = stepEnd;
        if (_leak is not null && FlowingSince is { } started && !Leaking && Clock >= started + _leak.ContinuousFor)
        {
            Leaking = true;
            events.Add(new(Clock, FlowEventKind.LeakDetected, string.Create(CultureInfo.InvariantCulture,
                $"{litresPerHour} L/h without a break since {started.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, the leak rule's {Durations.Format(_leak.ContinuousFor)}")));
        }
    }

    // W2/W3 look at the flow of each step as it starts: the flow is constant within a step.
    private void WatchForLeak(DateTimeOffset now, int litresPerHour, List<FlowEvent> events)
    {
        if (_leak is null)
        {
            return;
        }

        if (litresPerHour >= _leak.MinimumLitresPerHour)
        {
            FlowingSince ??= now;
            return;
        }

        if (Leaking)
        {
            Leaking = false;
            events.Add(new(now, FlowEventKind.LeakEnded, string.Create(CultureInfo.InvariantCulture,
                $"the flow fell to {litresPerHour} L/h, under the leak rule's {_leak.MinimumLitresPerHour} L/h")));
        }

        FlowingSince = null;
    }

    // A change between two seconds takes effect at the next whole second: the meter's clock has no fractions.
    private static DateTimeOffset WholeSecondAtOrAfter(DateTimeOffset change, DateTimeOffset now)
    {
        var ticks = change.UtcTicks - now.UtcTicks;
        var seconds = Math.Max(1, (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
        return now.AddSeconds(seconds);
    }
}
