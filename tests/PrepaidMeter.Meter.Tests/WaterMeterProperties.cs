using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Valves;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests;

/// <summary>
/// Model-based test of the water and gas meter (DESIGN.md §8 invariants 1, 2, 5, for volume as for energy): random
/// histories of purchases (in sequence, replayed, ahead, cut by a power failure), flows, magnets, opened cases, battery
/// changes, a valve that seizes and frees, remote commands and tool cards; after every step credit is conserved, every
/// purchase is loaded at most once, the supply is cut exactly when a reason holds, the valve settles where it is wanted
/// (or raises its alarm), and the NVRAM image holds the whole meter, parts included.
/// </summary>
public sealed class WaterMeterProperties
{
    private const int MaxCount = 40;

    private abstract record Op;

    private sealed record InsertUser(int Offset) : Op;

    private sealed record InsertWithPowerCut(int Offset, PowerCutPoint Cut) : Op;

    private sealed record Draw(int LitresPerHour, int Minutes) : Op;

    private sealed record Magnet(bool On) : Op;

    private sealed record Case(bool Open) : Op;

    private sealed record NewBattery : Op;

    private sealed record Valve(bool Seized) : Op;

    private sealed record Remote(RemoteCommand Command) : Op;

    private sealed record Tool(CardKind Kind) : Op;

    private sealed record PowerFails : Op;

    private static readonly Gen<Op> Ops = Gen.Frequency(
        (8, Gen.Choose(-2, 2).Select(o => (Op)new InsertUser(o))),
        (2, Gen.Choose(0, 1).Zip(Gen.Elements(PowerCutPoint.BeforeCommit, PowerCutPoint.AfterCommit, PowerCutPoint.DuringCardWrite))
            .Select(t => (Op)new InsertWithPowerCut(t.Item1, t.Item2))),
        (8, Gen.Elements(0, 0, 7, 120, 415, 1_500, 3_000).Zip(Gen.Choose(1, 6000)).Select(t => (Op)new Draw(t.Item1, t.Item2))),
        (2, Gen.Elements(true, false).Select(on => (Op)new Magnet(on))),
        (1, Gen.Elements(true, false).Select(open => (Op)new Case(open))),
        (1, Gen.Constant((Op)new NewBattery())),
        (2, Gen.Elements(true, false).Select(seized => (Op)new Valve(seized))),
        (2, Gen.Elements(Enum.GetValues<RemoteCommand>()).Select(c => (Op)new Remote(c))),
        (2, Gen.Elements(CardKind.Check, CardKind.Test, CardKind.Set, CardKind.Clear, CardKind.Zero, CardKind.MeterChange).Select(k => (Op)new Tool(k))),
        (1, Gen.Constant((Op)new PowerFails())));

    /// <summary>
    /// The water and gas models: built in code here with a fast-draining battery (so histories reach its levels) and a
    /// tamper quiet period; the shipped ones as the loader gives them.
    /// </summary>
    public static TheoryData<string> Models => [.. AllModels().Select(m => m.Id)];

    private static IEnumerable<MeterModel> AllModels() =>
    [
        WaterMeter.Model,
        WaterMeter.Model with
        {
            Id = "test-gas-fast-battery",
            Utility = Utility.Gas,
            Leak = null,
            Battery = new PrepaidMeter.Meter.Batteries.BatteryRule(3600, 3200, 3000, 20_000, 2_000),
            Tamper = new PrepaidMeter.Meter.Tampering.TamperRule(hasCaseSwitch: false, clearsAfterQuiet: TimeSpan.FromHours(1)),
        },
        .. MeterModels.All.Where(m => m.Utility != Utility.Electricity),
    ];

    [Theory]
    [MemberData(nameof(Models))]
    public void RandomHistories_KeepTheWaterMetersInvariants(string modelId)
    {
        var model = AllModels().Single(m => m.Id == modelId);
        var amounts = Gen.ArrayOf(Gen.Choose(100, 3_000).Select(v => (long)v), MaxCount + 1);
        Prop.ForAll(amounts.Zip(Gen.ListOf(Ops).Resize(60)).ToArbitrary(), h => Play(model, h.Item1, h.Item2)).QuickCheckThrowOnFailure(80);
    }

    /// <summary>
    /// The fast path held to the plain one: the meter counts its volume in its consumption step and keeps only a leak watch;
    /// the <see cref="FlowSensor"/> is the plain account. Under any flow, cut into any pieces, with the valve left open, both
    /// come to the same volume and the same leak events at the same seconds.
    /// </summary>
    [Fact]
    public void Advance_AnyFlow_TheMeterCountsAsTheFlowSensorDoes()
    {
        var start = Testing.Some.Moment;
        var flows =
            from steps in Gen.Choose(0, 1439).Zip(Gen.Choose(0, 900)).ArrayOf().Where(s => s.Length is > 0 and <= 6 && s.Select(x => x.Item1).Distinct().Count() == s.Length)
            from leak in Gen.Choose(0, 20)
            from leakMinute in Gen.Choose(0, 3 * 1440)
            let curve = new DailyFlowCurve(steps.Select(s => (TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(s.Item1)), s.Item2)))
            select leak == 0 ? (FlowProfile)curve : curve.WithLeak(leak, start.AddMinutes(leakMinute));
        var cuts = Gen.Choose(1, 3 * 86_400).ArrayOf().Where(a => a.Length is > 0 and <= 8);
        // No exercise, no battery, no tamper, credit for ever: the valve stays open, so the sensor sees what the meter does.
        var model = WaterMeter.Model with
        {
            Id = "test-water-open",
            PresetCredit = WaterMeter.M3(Volume.MaxHundredths / 2),
            Valve = new ValveRule(TimeSpan.FromSeconds(10), 3, TimeSpan.FromMinutes(1), null, TimeSpan.Zero),
            Battery = null,
            Tamper = null,
            Leak = new LeakRule(7, TimeSpan.FromHours(5)),
        };
        Prop.ForAll(flows.Zip(cuts).ToArbitrary(), t =>
        {
            var (flow, pieces) = t;
            var meter = WaterMeter.New(model);
            var sensor = new FlowSensor(start, model.Leak);
            var meterLeaks = new List<string>();
            var sensorLeaks = new List<string>();
            foreach (var seconds in pieces)
            {
                meterLeaks.AddRange(meter.Advance(TimeSpan.FromSeconds(seconds), flow).Where(e => e.Kind is MeterEventKind.LeakDetected or MeterEventKind.LeakEnded)
                    .Select(e => $"{e.At:O} {(e.Kind == MeterEventKind.LeakDetected ? "LeakDetected" : "LeakEnded")} {e.Detail}"));
                sensorLeaks.AddRange(sensor.Advance(TimeSpan.FromSeconds(seconds), flow).Select(e => $"{e.At:O} {e.Kind} {e.Detail}"));
            }

            meter.Parts().CumulativeVolume.ShouldBe(sensor.Total);
            meter.Parts().Leaking.ShouldBe(sensor.Leaking);
            meterLeaks.ShouldBe(sensorLeaks);
        }).QuickCheckThrowOnFailure(200);
    }

    private static void Play(MeterModel model, long[] amountFor, IList<Op> ops)
    {
        var bench = new MeterHarness(model).Configured();
        var step = 0;
        foreach (var op in ops)
        {
            step++;
            var before = bench.State;
            var m = (int)before.PurchaseCount.Value;
            CardRecord Card(int offset) => bench.UserCard((uint)Math.Clamp(m + offset, 1, MaxCount), amountFor[Math.Clamp(m + offset, 1, MaxCount)]);
            switch (op)
            {
                case InsertUser(var offset):
                    bench.Insert(Card(offset));
                    break;
                case InsertWithPowerCut(var offset, var cut):
                    bench.Meter.InsertCard(bench.Image(Card(offset)), cut);
                    bench.Meter.Restore();
                    break;
                case Draw(var litresPerHour, var minutes):
                    bench.Meter.Advance(TimeSpan.FromMinutes(minutes), FlowProfile.Constant(litresPerHour));
                    break;
                case Magnet(var on):
                    _ = on ? bench.Meter.ApplyMagnet() : bench.Meter.RemoveMagnet();
                    break;
                case Case(var open):
                    _ = open ? bench.Meter.OpenCase() : bench.Meter.CloseCase();
                    break;
                case NewBattery:
                    bench.Meter.ChangeBattery();
                    break;
                case Valve(var seized):
                    if (seized) { bench.Meter.SeizeValve(); } else { bench.Meter.FreeValve(); }
                    break;
                case Remote(var command):
                    bench.Meter.ApplyRemote(command);
                    break;
                case Tool(var kind):
                    bench.Insert(bench.ToolCard(kind, kind == CardKind.MeterChange ? MeterHarness.Number : null));
                    break;
                case PowerFails:
                    bench.Meter.CutPower();
                    bench.Meter.Restore();
                    break;
            }

            Check(bench, before, amountFor, op, $"after step {step} ({op})");
        }
    }

    private static void Check(MeterHarness bench, MeterSnapshot before, long[] amountFor, Op op, string because)
    {
        var s = bench.State;
        var parts = s.Flow.ShouldNotBeNull(because);
        s.Conserves.ShouldBeTrue($"{because}: remaining {s.Remaining} != preset + loaded + borrowed - repaid - consumed - transferred");
        s.CumulativeLoaded.Hundredths.ShouldBe(Enumerable.Range(1, (int)s.PurchaseCount.Value).Sum(k => amountFor[k]), $"{because}: a purchase was loaded twice or lost");
        (s.Relay == RelayState.Closed).ShouldBe(s.OpenReasons == OpenReasons.None, because);
        s.OpenReasons.HasFlag(OpenReasons.Tamper).ShouldBe(parts.TamperLatched != PrepaidMeter.Meter.Tampering.TamperFlags.None, because);
        s.OpenReasons.HasFlag(OpenReasons.BatteryCritical).ShouldBe(parts.Battery == PrepaidMeter.Meter.Batteries.BatteryLevel.Critical, because);
        s.CumulativeEnergy.ShouldBe(Energy.Zero, because);

        // A volume meter without a tariff: every 0.01 m³ that passed is 0.01 m³ of credit, and the register only rises
        // (a clear card, L4, starts it again; a zero card, L5, keeps it but starts the credit registers again).
        if (op is not Tool { Kind: CardKind.Clear or CardKind.Zero })
        {
            (parts.CumulativeVolume - before.Flow!.CumulativeVolume).Hundredths.ShouldBe(s.CreditConsumed.Hundredths - before.CreditConsumed.Hundredths, because);
            parts.CumulativeVolume.ShouldBeGreaterThanOrEqualTo(before.Flow.CumulativeVolume, because);
        }

        // N1: the image holds the whole meter (the meter read back is the one saved, and saves the same bytes).
        var image = bench.Meter.SaveNvram();
        VirtualMeter.TryLoad(image, id => AllModels().FirstOrDefault(m => m.Id == id), out var loaded).ShouldBeNull(because);
        loaded!.SaveNvram().ShouldBe(image, because);
        (loaded.Snapshot() with { Events = s.Events }).ShouldBe(s, because);

        // The valve settles where the reasons want it, or raises its alarm: let the copy rest until every retry is over.
        var rested = loaded.Advance(bench.Model.Valve!.LongestSettle, FlowProfile.None);
        if (rested.Any(e => e.Kind is MeterEventKind.BatteryCritical or MeterEventKind.TamperCleared or MeterEventKind.ValveExercise))
        {
            return; // a reason changed while it rested: the valve is still on its way
        }

        // A stuck valve stays where it stuck, alarm up, until it is asked for the other end again (V6–V8).
        var after = loaded.Snapshot();
        var valve = after.Flow!.Valve!.Value;
        var wanted = after.OpenReasons == OpenReasons.None ? ValvePosition.Open : ValvePosition.Closed;
        (valve == wanted || valve is ValvePosition.StuckOpen or ValvePosition.StuckClosed).ShouldBeTrue($"{because}: valve {valve}, reasons {after.OpenReasons}");
    }
}
