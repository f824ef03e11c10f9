using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Meter.Batteries;

namespace PrepaidMeter.Meter.Tests.Batteries;

/// <summary>The battery's drain is exact however time is cut, and each level is told once, in order.</summary>
public sealed class BatteryProperties
{
    private static readonly DateTimeOffset Fitted = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_InPieces_EndsAsInOneGo() =>
        Prop.ForAll(Gen.Choose(0, 5000).Zip(Gen.Choose(1, 3 * 365 * 86_400)).Zip(Gen.Choose(1, 60)).ToArbitrary(), t =>
        {
            var ((perDay, seconds), pieces) = t;
            var rule = new BatteryRule(3600, 3200, 3000, perDay, 0);
            var oneGo = new Battery(rule, Fitted);
            var inPieces = new Battery(rule, Fitted);

            var events = oneGo.Advance(TimeSpan.FromSeconds(seconds));
            var pieceEvents = new TimeSteps(TimeSpan.FromSeconds(seconds), pieces, sampled: false).Each().SelectMany(inPieces.Advance).ToList();

            return oneGo.Microvolts == inPieces.Microvolts && oneGo.Clock == inPieces.Clock && events.SequenceEqual(pieceEvents)
                // B1: evenly, to the microvolt — what has gone is the drain's exact share of the days passed, rounded down.
                && oneGo.Microvolts == Math.Max(0, 3_600_000 - ((long)perDay * seconds / 86_400));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Levels_AreToldOnceEach_LowBeforeCritical_AtTheSecondReached() =>
        Prop.ForAll(Gen.Choose(1, 5000).Zip(Gen.Choose(0, 50_000)).Zip(Gen.Choose(1, 30).ArrayOf().Where(a => a.Length is > 0 and < 40)).ToArbitrary(), t =>
        {
            var ((perDay, perRun), weeks) = t;
            var battery = new Battery(new BatteryRule(3600, 3200, 3000, perDay, perRun), Fitted);
            var events = new List<BatteryEvent>();
            foreach (var days in weeks)
            {
                events.AddRange(battery.Advance(TimeSpan.FromDays(days)));
                events.AddRange(battery.MotorRan());
            }

            var kinds = events.Select(e => e.Kind).ToList();
            var expected = battery.Level switch
            {
                BatteryLevel.Normal => new List<BatteryEventKind>(),
                BatteryLevel.Low => [BatteryEventKind.Low],
                _ => [BatteryEventKind.Low, BatteryEventKind.Critical],
            };
            return kinds.SequenceEqual(expected) && events.Zip(events.Skip(1)).All(p => p.First.At <= p.Second.At);
        }).QuickCheckThrowOnFailure();
}
