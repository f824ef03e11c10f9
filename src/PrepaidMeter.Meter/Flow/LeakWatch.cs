using System.Globalization;
using PrepaidMeter.Core;

namespace PrepaidMeter.Meter.Flow;

/// <summary>
/// The leak watch (rules W2, W3): since when a flow at or over the rule's minimum has gone on without a break, and the
/// leak flag once it has lasted the rule's window. Shared by the <see cref="FlowSensor"/> and the water meter, which
/// counts its volume itself and asks only this of the flow side. Its owner moves it through time in steps of constant
/// flow: <see cref="Look"/> as a step starts, never past <see cref="NextEdge"/>, and <see cref="Reached"/> as it ends.
/// </summary>
internal sealed class LeakWatch(LeakRule? rule)
{
    /// <summary>Since when the flow has been at or over the minimum without a break; null while it is not.</summary>
    public DateTimeOffset? FlowingSince { get; set; }

    /// <summary>The leak flag (W2): up from the moment the window is reached until the flow drops (W3).</summary>
    public bool Leaking { get; set; }

    /// <summary>Where a step must stop so that W2 is seen at its exact second; null while no window is open.</summary>
    public DateTimeOffset? NextEdge => rule is not null && FlowingSince is { } since && !Leaking ? since + rule.ContinuousFor : null;

    /// <summary>At a step's start, and where an advance ends, with the flow from then on: W3, or a W2 window opening.</summary>
    public void Look(DateTimeOffset now, int litresPerHour, List<FlowEvent> events)
    {
        if (rule is null)
        {
            return;
        }

        if (litresPerHour >= rule.MinimumLitresPerHour)
        {
            FlowingSince ??= now;
            return;
        }

        if (Leaking)
        {
            Leaking = false;
            events.Add(new(now, FlowEventKind.LeakEnded, string.Create(CultureInfo.InvariantCulture,
                $"the flow fell to {litresPerHour} L/h, under the leak rule's {rule.MinimumLitresPerHour} L/h")));
        }

        FlowingSince = null;
    }

    /// <summary>At a step's end, <paramref name="now"/>, after <paramref name="litresPerHour"/> through it: W2 once the window is reached.</summary>
    public void Reached(DateTimeOffset now, int litresPerHour, List<FlowEvent> events)
    {
        if (rule is not null && FlowingSince is { } started && !Leaking && now >= started + rule.ContinuousFor)
        {
            Leaking = true;
            events.Add(new(now, FlowEventKind.LeakDetected, string.Create(CultureInfo.InvariantCulture,
                $"{litresPerHour} L/h without a break since {started.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, the leak rule's {Durations.Format(rule.ContinuousFor)}")));
        }
    }
}
