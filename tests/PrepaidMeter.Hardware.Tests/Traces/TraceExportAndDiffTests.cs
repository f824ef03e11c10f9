using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Hardware.Traces;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.Traces;

public sealed class TraceExportAndDiffTests
{
    [Fact]
    public void Scriptor_ATraceOfTwoSessions_IsOneApduALine_WithAResetBetweenThem()
    {
        var exchanges = SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m);
        List<ApduExchange> twoSessions = [.. exchanges.Take(2), .. exchanges.Skip(2).Select(e => e with { Session = 2 })];
        using var output = new StringWriter();

        ScriptorScript.Write(output, twoSessions, "sale.jsonl");

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("# scriptor script from the trace sale.jsonl: ");
        var apdus = lines.Where(l => !l.StartsWith('#')).ToList();
        apdus.ShouldBe([ApduNames.Hex(twoSessions[0].Command), ApduNames.Hex(twoSessions[1].Command), "reset", .. twoSessions.Skip(2).Select(e => ApduNames.Hex(e.Command))]);
        apdus.Where(l => l != "reset").ShouldAllBe(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^[0-9A-F]{2}( [0-9A-F]{2})*$"));
        lines.ShouldContain("# #4 PRESENT PSC ** ** **; recorded answer: 90 07 code right (3 tries)");
    }

    [Fact]
    public void Diff_TheSameSaleTwice_FindsNothing()
    {
        var a = SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m);
        var b = SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m);

        TraceDiff.Compare(a, b, Watches()).ShouldBeEmpty();
    }

    [Fact]
    public void Diff_TwoSalesOfOtherAmounts_SayTheWriteAndTheFieldsThatDiffer()
    {
        var a = SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m);
        var b = SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 45m);

        var lines = TraceDiff.Compare(a, b, Watches());

        lines.ShouldContain(l => l.StartsWith("A#5 B#5 WRITE at ", StringComparison.Ordinal) && l.Contains(": the commands differ from byte ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.EndsWith(" changed fields: A purchase 30.00 → 40.00, purchaseCount 2 → 3; B purchase 30.00 → 45.00, purchaseCount 2 → 3", StringComparison.Ordinal));
        lines[^1].ShouldBe("the cards are left with purchase: A 40.00; B 45.00");
    }

    [Fact]
    public void Diff_ACommandOnlyOneSideSent_IsSaidWithItsSide()
    {
        var a = SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m);
        var b = a.Where((_, i) => i != 0).ToList();

        TraceDiff.Compare(a, b, null).ShouldBe(["only A#1: SELECT CARD TYPE 06 (SLE4432/4442) (FF A4 00 00 01 06) ← 90 00 ok"]);
    }

    [Fact]
    public void Replay_OfASale_OnTheCardAsItWasBefore_AnswersAsRecorded()
    {
        var recorded = SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m);

        TraceReplay.Run(recorded, new MediumChannel(new MemoryCardOnAcsReader(SaleOnACard.Card(2, 30m)))).ShouldBeEmpty();
    }

    [Fact]
    public void Replay_OnACardWithAnotherCode_ReportsEachAnswerThatDiffers()
    {
        var recorded = SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m);
        var other = new Cards.Readers.MemoryCard(SaleOnACard.Card(2, 30m).Memory, [0x01, 0x02, 0x03]);

        var differences = TraceReplay.Run(recorded, new MediumChannel(new MemoryCardOnAcsReader(other)));

        differences[0].ToString().ShouldBe("#4 PRESENT PSC ** ** **: recorded 90 07 code right (3 tries); now 90 03 code wrong, 2 tries left (first difference at response byte 1)");
        differences.Skip(1).ShouldAllBe(d => d.Now.Response.SequenceEqual(new byte[] { 0x69, 0x82 }) || ApduNames.Command(d.Recorded.Command).StartsWith("READ"));
    }

    [Fact]
    public void Replay_WhereTheTraceStartsANewSession_ResetsTheCard()
    {
        var recorded = SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m);
        List<ApduExchange> twoSessions = [.. recorded.Take(4), .. recorded.Skip(4).Select(e => e with { Session = 2 })];
        var card = new MediumChannel(new MemoryCardOnAcsReader(SaleOnACard.Card(2, 30m)));

        var differences = TraceReplay.Run(twoSessions, card);

        card.Resets.ShouldBe(1);
        differences[0].Now.Response.ShouldBe(new byte[] { 0x69, 0x85 }, "the reset ended the session before the write: the card type must be selected again");
    }

    private static (CardImageWatch, CardImageWatch) Watches() =>
        (new CardImageWatch(SaleOnACard.Layout, Some.Keys), new CardImageWatch(SaleOnACard.Layout, Some.Keys));
}
