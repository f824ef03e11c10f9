using PrepaidMeter.Cards.Records;
using PrepaidMeter.Meter.State;
using Xunit.Abstractions;

namespace PrepaidMeter.Meter.Tests.State;

/// <summary>
/// Rule N2, swept rather than sampled: every card kind the meter processes, on both shipped layouts, with
/// power cut at every write step of its handling — before the commit, after it, after each count of the
/// return-write's changed bytes has landed (0 to all of them), and with the whole write landed but not read
/// back. After each cut the power comes back and the customer inserts what they hold; whatever the cut, the
/// card's change happens exactly once, or (before the commit) not yet and then at that insertion.
/// </summary>
public sealed partial class PowerCutSweep(ITestOutputHelper output)
{
    // The points swept today (docs/meter-rules.md, N2). The test fails if the sweep ever covers fewer:
    // a sweep that shrinks without anyone noticing proves less than it says.
    private const int PointsAtLeast = 762;

    private static readonly MeterEvent[] NoEvents = [];

    [Fact]
    public void N2_EveryCutPointOfEveryCardKindOnBothLayouts_AppliesTheCardExactlyOnce()
    {
        var swipes = AllSwipes();
        var points = swipes.Sum(Sweep);

        output.WriteLine($"{points} power-cut points swept: {swipes.Count} card insertions on {swipes.Select(s => s.Model.Id).Distinct().Count()} models");
        string[] shippedLayouts = ["legacy-bcd-v1", "pm-ref-v1"];
        swipes.Select(s => s.Layout.Id).Distinct().Order(StringComparer.Ordinal).ToArray().ShouldBe(shippedLayouts);
        points.ShouldBeGreaterThanOrEqualTo(PointsAtLeast);
    }

    /// <summary>Every cut point of one insertion; returns how many there were.</summary>
    private int Sweep(Swipe swipe)
    {
        var reference = swipe.InsertUncut();
        reference.Result.ShouldBe(swipe.Expected, swipe.Name);
        var changed = CountChanged(swipe.Card, reference.Card);
        if (reference.CardWritten)
        {
            changed.ShouldBePositive($"{swipe.Name}: the return-write changes no byte, so no torn write is swept");
        }

        PowerCut[] cuts =
        [
            PowerCut.BeforeCommit,
            PowerCut.AfterCommit,
            .. Enumerable.Range(0, changed + 1).Select(PowerCut.DuringCardWrite),
            PowerCut.BeforeReadBack,
        ];
        foreach (var cut in cuts)
        {
            CutAndInsertAgain(swipe, reference, cut);
        }

        output.WriteLine($"{swipe.Name}: {reference.Result}, {changed} bytes changed, {cuts.Length} points");
        return cuts.Length;
    }

    private static void CutAndInsertAgain(Swipe swipe, Uncut reference, PowerCut cut)
    {
        var because = $"{swipe.Name}, cut {cut}";
        var meter = swipe.Meter();
        var card = (byte[])swipe.Card.Clone();
        meter.InsertCard(card, cut).Result.ShouldBe(MeterResult.PowerCut, because);
        meter.IsPowered.ShouldBeFalse(because);
        meter.Restore();

        // Power is back: the meter is as it was before the card, or as the whole card left it — nothing between.
        var committed = cut.Step != PowerCutStep.BeforeCommit;
        Registers(meter).ShouldBe(committed ? reference.After : swipe.Before, because);
        if (!committed)
        {
            card.ShouldBe(swipe.Card, because);
        }

        // The customer holds the card as the cut left it; a torn one is rewritten from the counter's copy.
        var held = swipe.Decode(card) is null ? (byte[])swipe.Card.Clone() : card;
        if (swipe.Record.Kind == CardKind.User && meter.Snapshot().PurchaseCount < swipe.Record.PurchaseCount)
        {
            // Not loaded, so not lost: the card still says "not swiped" and the counter sells nothing more on it.
            IsSwiped(swipe.Decode(held).ShouldNotBeNull(because)).ShouldBeFalse(because);
        }

        var beforeAgain = meter.Snapshot();
        meter.InsertCard(held).Result.ShouldBe(committed ? AgainAfterCommit(reference.Result) : reference.Result, because);
        Registers(meter).ShouldBe(reference.After, because);
        CheckTheCardAfterwards(swipe, reference, committed, held, beforeAgain, meter.Snapshot(), because);
    }

    private static void CheckTheCardAfterwards(Swipe swipe, Uncut reference, bool committed, byte[] held, MeterSnapshot before, MeterSnapshot after, string because)
    {
        if (!reference.CardWritten)
        {
            held.ShouldBe(swipe.Card, because);
            return;
        }

        if (!committed)
        {
            held.ShouldBe(reference.Card, because);
        }

        // A valid return-write: it decodes, the card's own fields are as sold, and the block says what the meter holds now.
        var final = swipe.Decode(held).ShouldNotBeNull(because);
        (final with { ReturnWrite = null }).ShouldBe(swipe.Record with { ReturnWrite = null }, because);
        var block = final.ReturnWrite.ShouldNotBeNull(because);
        block.MeterNumber.ShouldBe(after.MeterNumber, because);
        block.LoadedCount.ShouldBe(after.PurchaseCount, because);
        block.CumulativeEnergy.ShouldBe(after.CumulativeEnergy, because);
        block.WrittenAt.ShouldBe(after.Clock, because);

        // T3: a meter-change card shows the credit the insertion moved off the meter; any other, the credit left.
        var movedNow = after.TransferredOut.Hundredths - before.TransferredOut.Hundredths;
        block.Remaining.Hundredths.ShouldBe(after.Remaining.Hundredths + movedNow, because);
    }

    /// <summary>What the next insertion answers once the first one was committed: a load or a loan becomes "already loaded".</summary>
    private static MeterResult AgainAfterCommit(MeterResult first) =>
        first is MeterResult.Loaded or MeterResult.EmergencyCreditGranted ? MeterResult.AlreadyLoaded : first;

    /// <summary>The back office's "swiped" (CardInspector.IsSwiped): the return-write names this meter at this purchase or later.</summary>
    private static bool IsSwiped(CardRecord card) =>
        card.ReturnWrite is { } block && block.MeterNumber == card.MeterNumber && block.LoadedCount >= card.PurchaseCount;

    /// <summary>Every register; the event log is left out (a cut and a restore add events, and that is all they may add).</summary>
    private static MeterSnapshot Registers(VirtualMeter meter) => meter.Snapshot() with { Events = NoEvents };

    private static int CountChanged(byte[] before, byte[] after) => before.Zip(after).Count(pair => pair.First != pair.Second);

    /// <summary>The insertion with no cut: what every cut must end up at once the customer inserts the card again.</summary>
    private sealed record Uncut(MeterResult Result, byte[] Card, bool CardWritten, MeterSnapshot After);
}
