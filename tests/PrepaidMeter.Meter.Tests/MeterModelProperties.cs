using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests;

/// <summary>
/// Model-based test of the meter (DESIGN.md §8 invariants 1, 2, 5 for one meter): random sequences of
/// card insertions — valid, replayed, ahead of sequence, corrupted, of another group, cut by a power
/// failure — loads, clock jumps, remote and tool cards; after every step the invariants hold.
/// </summary>
public sealed class MeterModelProperties
{
    private const int MaxCount = 40;

    private abstract record Op;

    private sealed record InsertUser(int Offset) : Op;

    private sealed record InsertCorrupted(int Offset, int Byte, byte Xor) : Op;

    private sealed record InsertForeignGroup(int Offset) : Op;

    private sealed record InsertWithPowerCut(int Offset, PowerCutPoint Cut) : Op;

    private sealed record Consume(int Watts, int Minutes, int PowerFactor) : Op;

    private sealed record Remote(RemoteCommand Command) : Op;

    private sealed record Tool(CardKind Kind) : Op;

    private static Gen<Op> Ops(CardLayoutInfo layout) => Gen.Frequency(
        (8, Gen.Choose(-2, 2).Select(o => (Op)new InsertUser(o))),
        (2, Gen.Choose(-1, 1).Zip(Gen.Elements(layout.Protected)).Zip(Gen.Choose(1, 255))
            .Select(t => (Op)new InsertCorrupted(t.Item1.Item1, t.Item1.Item2, (byte)t.Item2))),
        (1, Gen.Choose(0, 1).Select(o => (Op)new InsertForeignGroup(o))),
        (2, Gen.Choose(0, 1).Zip(Gen.Elements(PowerCutPoint.BeforeCommit, PowerCutPoint.AfterCommit, PowerCutPoint.DuringCardWrite))
            .Select(t => (Op)new InsertWithPowerCut(t.Item1, t.Item2))),
        (6, Gen.Choose(0, 6000).Zip(Gen.Choose(1, 4000)).Zip(Gen.Elements(850, 950, 995))
            .Select(t => (Op)new Consume(t.Item1.Item1, t.Item1.Item2, t.Item2))),
        (2, Gen.Elements(Enum.GetValues<RemoteCommand>()).Select(c => (Op)new Remote(c))),
        (1, Gen.Elements(CardKind.Check, CardKind.Test, CardKind.Set, CardKind.Clear, CardKind.Zero, CardKind.MeterChange).Select(k => (Op)new Tool(k))));

    private sealed record CardLayoutInfo(int[] Protected);

    // Electricity models that take cards: water and gas models run under a flow, in WaterMeterProperties; a keypad-only model's
    // histories are token entries (Tokens/TokenProperties).
    public static TheoryData<string> ModelIds => [.. MeterModels.All.Where(m => m.Utility == Utility.Electricity && m.TakesCards).Select(m => m.Id)];

    [Theory]
    [MemberData(nameof(ModelIds))]
    public void RandomHistories_KeepTheMetersInvariants(string modelId)
    {
        var model = MeterModels.Get(modelId);
        var layout = model.Layouts[0];
        var info = new CardLayoutInfo([.. layout.ProtectedRanges.SelectMany(r => Enumerable.Range(r.Offset, r.Length)).Distinct()]);
        var amounts = Gen.ArrayOf(Gen.Choose(100, 30_000).Select(v => (long)v), MaxCount + 1);
        var histories = amounts.Zip(Gen.ListOf(Ops(info)).Resize(60));
        Prop.ForAll(histories.ToArbitrary(), history => Play(model, history.Item1, history.Item2)).QuickCheckThrowOnFailure(150);
    }

    private static void Play(MeterModel model, long[] amountFor, IList<Op> ops)
    {
        // A card and token meter is made as the lab makes one: with the lab's install (the histories here are its cards).
        var bench = new MeterHarness(model, model.Token is { } rule ? PrepaidMeter.Meter.Tokens.TokenInstall.ForLab(rule, MeterHarness.Number) : null).Configured();
        var step = 0;
        foreach (var op in ops)
        {
            step++;
            var m = (int)bench.State.PurchaseCount.Value;
            CardRecord Card(int offset) => bench.UserCard((uint)Math.Clamp(m + offset, 1, MaxCount), amountFor[Math.Clamp(m + offset, 1, MaxCount)]);
            switch (op)
            {
                case InsertUser(var offset):
                    bench.Insert(Card(offset));
                    break;
                case InsertCorrupted(var offset, var index, var xor):
                    var image = bench.Image(Card(offset));
                    image[index] ^= xor;
                    bench.Insert(image).Result.ShouldBe(MeterResult.BadCard, $"step {step}: a corrupted card was not refused");
                    break;
                case InsertForeignGroup(var offset):
                    bench.Insert(Card(offset) with { SupplyGroup = SupplyGroupCode.From(999_999) }).Result.ShouldBe(MeterResult.WrongGroup);
                    break;
                case InsertWithPowerCut(var offset, var cut):
                    bench.Meter.InsertCard(bench.Image(Card(offset)), cut);
                    bench.Meter.Restore();
                    break;
                case Consume(var watts, var minutes, var powerFactor):
                    bench.Meter.Advance(TimeSpan.FromMinutes(minutes), LoadProfile.Constant(watts, powerFactor));
                    break;
                case Remote(var command):
                    bench.Meter.ApplyRemote(command);
                    break;
                case Tool(var kind):
                    bench.Insert(bench.ToolCard(kind, kind == CardKind.MeterChange ? MeterHarness.Number : null));
                    break;
            }

            Check(bench, amountFor, step, op);
        }
    }

    private static void Check(MeterHarness bench, long[] amountFor, int step, Op op)
    {
        var s = bench.State;
        var because = $"after step {step} ({op})";
        s.Conserves.ShouldBeTrue($"{because}: remaining {s.Remaining} != preset + loaded + borrowed - repaid - consumed - transferred");

        // At most once: what was loaded is exactly the purchases up to the meter's count.
        var expected = Enumerable.Range(1, (int)s.PurchaseCount.Value).Sum(k => amountFor[k]);
        s.CumulativeLoaded.Hundredths.ShouldBe(expected, $"{because}: a purchase was loaded twice or lost");

        // The relay is closed exactly when the rules say.
        (s.Relay == RelayState.Closed).ShouldBe(s.OpenReasons == OpenReasons.None, because);
        var exhausted = s.Remaining.Hundredths <= (bench.Model.OverdraftAllowed ? -s.Parameters.OverdraftLimit.Hundredths : 0);
        (s.CreditState == CreditState.Exhausted).ShouldBe(exhausted, because);
        var friendly = bench.Model.FriendlyPeriods?.Contains(s.Clock) ?? false;
        s.OpenReasons.HasFlag(OpenReasons.CreditExhausted).ShouldBe(exhausted && !s.KeepPowerOn && !friendly, because);
        var scheduled = bench.Model.ScheduledTrips.Any(w => w.Contains(s.Clock));
        s.OpenReasons.HasFlag(OpenReasons.Scheduled).ShouldBe(scheduled, because);
        s.Powered.ShouldBeTrue(because);

        // N1: what a commit keeps is what the NVRAM image holds — the saved image reads back to the same
        // meter, and saving that gives the same bytes (a power cut restores the kept copy, not the image).
        var image = bench.Meter.SaveNvram();
        VirtualMeter.TryLoad(image, id => MeterModels.All.FirstOrDefault(m => m.Id == id), out var loaded).ShouldBeNull(because);
        loaded!.SaveNvram().ShouldBe(image, because);
        var again = loaded.Snapshot();
        (again with { Events = s.Events, Token = s.Token }).ShouldBe(s, because);
        again.Events.ShouldBe(s.Events, because);
        // The token side's pending sections are a list: compared by content, the rest of it as a record.
        (again.Token is null).ShouldBe(s.Token is null, because);
        if (s.Token is { } token)
        {
            (again.Token! with { PendingSections = token.PendingSections }).ShouldBe(token, because);
            again.Token!.PendingSections.ShouldBe(token.PendingSections, because);
        }
    }
}
