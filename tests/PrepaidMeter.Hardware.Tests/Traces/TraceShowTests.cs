using PrepaidMeter.Hardware.Traces;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.Traces;

public sealed class TraceShowTests
{
    private static string Show(IEnumerable<ApduExchange> exchanges, bool layout = true)
    {
        using var output = new StringWriter();
        TraceShow.Write(output, exchanges, layout ? new CardImageWatch(SaleOnACard.Layout, Some.Keys) : null);
        return output.ToString();
    }

    [Fact]
    public void Show_WriteOfAPurchase_NamesTheFieldsItChanged()
    {
        var text = Show(SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m));

        var effects = text.Split('\n').Where(l => l.StartsWith("  = ", StringComparison.Ordinal)).ToList();
        effects[^1].ShouldBe("  = purchase 30.00 → 40.00, purchaseCount 2 → 3", "the write that makes the image whole again tells the fields");
        effects[..^1].ShouldAllBe(l => l.StartsWith("  = the image does not decode now: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Show_EachExchange_IsNamedWithItsStatusWord_AndTheCodeMasked()
    {
        var text = Show(SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m), layout: false);

        text.ShouldStartWith("#1 2026-11-23T08:30:00.000000Z card 'Virtual PCD 00 00' session 1, 0 ms; sle4442 locked, error counter 07\n"
            + "  → SELECT CARD TYPE 06 (SLE4432/4442): FF A4 00 00 01 06\n"
            + "  ← 90 00 ok\n"
            + "#2 ");
        text.ShouldContain("  → READ at 0, 255 bytes: FF B0 00 00 FF\n  ← 255 bytes, 90 00 ok\n");
        text.ShouldContain("  → PRESENT PSC ** ** **: FF 20 00 00 03 ** ** **\n  ← 90 07 code right (3 tries)\n");
        text.ShouldNotContain(ApduNames.Hex(SaleOnACard.Psc));
        text.ShouldNotContain("  = ");
    }

    [Fact]
    public void Show_AWriteBeforeTheCodeWasPresented_NamesTheRefusal_AndChangesNoField()
    {
        var exchanges = SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m, psc: [0x00, 0x00, 0x00]);

        var text = Show(exchanges);

        text.ShouldContain("  ← 90 03 code wrong, 2 tries left\n");
        text.ShouldContain("  ← 69 82 not unlocked (present the PSC first)\n");
        text.ShouldNotContain("  = ");
    }

    [Fact]
    public void Show_AWriteOfACardNeverReadInFull_SaysItsFieldsAreNotKnown()
    {
        var text = Show(SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m).Where(e => e.Command[1] != 0xB0 || e.Command[4] != 0xFF));

        text.ShouldContain("  = the image was not read in full before: its fields are not known\n");
    }

    [Theory]
    [InlineData("FFB0000010", "6B00", "6B 00 wrong address (beyond the card)")]
    [InlineData("FFD0000001AA", "6700", "67 00 wrong length")]
    [InlineData("FFD0000001AA", "6986", "69 86 write-protected")]
    [InlineData("00D6000001AA", "6986", "69 86 no current file (SELECT first)")]
    [InlineData("0082000108AABBCCDDEEFF0011", "63C1", "63 C1 authentication failed, 1 tries left")]
    [InlineData("FF99000000", "6D00", "6D 00 instruction not supported")]
    [InlineData("FF20000003AABBCC", "9000", "90 00 card locked (no tries left)")]
    public void Status_ACommandsAnswer_IsNamedAsItsFamilyMeansIt(string command, string response, string expected) =>
        ApduNames.Status(Convert.FromHexString(command), Convert.FromHexString(response)).ShouldBe(expected);

    [Theory]
    [InlineData("FFD0004003010203", "WRITE at 64, 3 bytes")]
    [InlineData("00A4000C020001", "SELECT FILE 0001")]
    [InlineData("00B0001080", "READ BINARY at 16, 128 bytes")]
    [InlineData("00D6000402AABB", "UPDATE BINARY at 4, 2 bytes")]
    [InlineData("0084000008", "GET CHALLENGE 8 bytes")]
    [InlineData("FFD2000103AABBCC", "CHANGE PSC ** ** **")]
    [InlineData("FFB1000004", "READ ERROR COUNTER")]
    [InlineData("FF01000001", "unknown command FF 01")]
    [InlineData("FF", "short command (1 byte)")]
    public void Command_AnApdu_IsNamed(string command, string expected) =>
        ApduNames.Command(Convert.FromHexString(command)).ShouldBe(expected);
}
