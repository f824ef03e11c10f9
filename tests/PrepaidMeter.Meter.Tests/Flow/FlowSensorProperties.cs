using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Meter.Flow;

namespace PrepaidMeter.Meter.Tests.Flow;

/// <summary>
/// Conservation of volume (DESIGN.md §8, for volume as for energy): every litre that flows is in the register or its
/// carry, whatever the flow and however time is cut; and time passed in pieces ends as in one go.
/// </summary>
public sealed class FlowSensorProperties
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    // A day of up to six steps on whole minutes, 0–600 L/h each, and a leak of 0–20 L/h (0: none) from some minute.
    private static readonly Gen<(FlowProfile Flow, DailyFlowCurve Curve, int Leak, int LeakMinute)> Flows =
        from steps in Gen.Choose(0, 1439).Zip(Gen.Choose(0, 600)).ArrayOf().Where(s => s.Length is > 0 and <= 6 && s.Select(x => x.Item1).Distinct().Count() == s.Length)
        from leak in Gen.Choose(0, 20)
        from leakMinute in Gen.Choose(0, 3 * 1440)
        let curve = new DailyFlowCurve(steps.Select(s => (TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(s.Item1)), s.Item2)))
        select ((FlowProfile)(leak == 0 ? curve : curve.WithLeak(leak, Start.AddMinutes(leakMinute))), curve, leak, leakMinute);

    [Fact]
    public void Advance_AnyFlowAnyCuts_EveryLitreIsInTheRegisterOrTheCarry() =>
        Prop.ForAll(Flows.Zip(Gen.Choose(1, 3 * 1440).ArrayOf().Where(a => a.Length is > 0 and <= 8)).ToArbitrary(), t =>
        {
            var ((flow, curve, leak, leakMinute), cuts) = t;
            var sensor = new FlowSensor(Start, new LeakRule(1, TimeSpan.FromHours(6)));
            var minutes = 0L;
            foreach (var cut in cuts)
            {
                sensor.Advance(TimeSpan.FromMinutes(cut), flow);
                minutes += cut;
            }

            // The plain sum, minute by minute: what the jumps from change to change must come to.
            var litreSecondsPerHour = 0L;
            for (var m = 0L; m < minutes; m++)
            {
                var at = Start.AddMinutes(m);
                litreSecondsPerHour += 60L * (curve.LitresPerHourAt(at) + (leak > 0 && m >= leakMinute ? leak : 0));
            }

            return (sensor.Total.Hundredths * FlowSensor.LitreSecondsPerHourPerHundredth) + sensor.Carry == litreSecondsPerHour
                && sensor.Carry < FlowSensor.LitreSecondsPerHourPerHundredth
                && sensor.Clock == Start.AddMinutes(minutes);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Advance_InPieces_EndsAsInOneGo() =>
        Prop.ForAll(Flows.Zip(Gen.Choose(1, 4 * 86_400)).Zip(Gen.Choose(1, 50)).ToArbitrary(), t =>
        {
            var (((flow, _, _, _), seconds), pieces) = t;
            var rule = new LeakRule(1, TimeSpan.FromHours(5));
            var oneGo = new FlowSensor(Start, rule);
            var inPieces = new FlowSensor(Start, rule);

            var events = oneGo.Advance(TimeSpan.FromSeconds(seconds), flow);
            var pieceEvents = new TimeSteps(TimeSpan.FromSeconds(seconds), pieces, sampled: false).Each()
                .SelectMany(piece => inPieces.Advance(piece, flow)).ToList();

            return oneGo.Total == inPieces.Total && oneGo.Carry == inPieces.Carry && oneGo.Clock == inPieces.Clock
                && oneGo.Leaking == inPieces.Leaking && oneGo.FlowingSince == inPieces.FlowingSince
                && events.SequenceEqual(pieceEvents);
        }).QuickCheckThrowOnFailure();
}
