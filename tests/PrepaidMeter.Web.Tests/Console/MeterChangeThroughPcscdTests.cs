using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cli.Tests;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// Meter change on two real PC/SC readers: vpcd's slot 0 as the counter's reader and slot 1 as `--second-reader`, behind
/// pcscd (tools/test.sh starts it), each card the project's virtual card. The change card goes to the old meter between the
/// visits (out of the reader, into `prepaid meter insert`, back in).
/// </summary>
public sealed class MeterChangeThroughPcscdTests
{
    [Fact]
    public async Task MeterChange_OnTwoVpcdReaders_WritesTheChangeCard_ThenMovesTheCreditOntoTheUserCard()
    {
        using var counterReader = new PcscCardReader(VirtualCard.ReaderName(0));
        using var secondReader = new PcscCardReader(VirtualCard.ReaderName(1));
        await using var site = await ConsoleSite.StartAsync("sqlite", _ => (counterReader, "pcsc:" + VirtualCard.ReaderName(0)),
            options => options with { SecondReader = secondReader, SecondReaderName = "pcsc:" + VirtualCard.ReaderName(1) });
        var cards = site.Books.CardFolder;
        (await site.Books.Vend("--card", "chg", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        (await site.Books.Vend("meter", "stock-in", "12345679", "--group", "100001")).Exit.ShouldBe(0);
        var (chg, li) = (Path.Combine(cards, "chg.hex"), Path.Combine(cards, "li.hex"));
        using var slots = VpcdSlots.Take(); // the vpcd slots are the machine's: one test (of any process) at a time
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);

        var changeCard = VpcdSlot.Load(chg);
        await using (await VpcdSlot.InsertAsync(0, changeCard))
        await using (await VpcdSlot.InsertAsync(1, VpcdSlot.Load(li)))
        {
            (await clerk.Get("/meter-change")).Text.ShouldContain("in pcsc:" + VirtualCard.ReaderName(1));
            var issued = await clerk.Post("/meter-change?handler=Issue", "/meter-change", ("Account", "1"));
            issued.Refusal.ShouldBeNull();
            issued.Html.ShouldContain("data-testid=\"done\"");
        }

        FolderCardReader.Save(chg, changeCard);
        (await Prepaid.RunAsync("meter", "insert", "-m", Path.Combine(Path.GetDirectoryName(cards)!, "m.nvram"), chg)).Out.ShouldStartWith("CreditTransferred");
        var userCard = VpcdSlot.Load(li);
        await using (await VpcdSlot.InsertAsync(0, userCard))
        await using (await VpcdSlot.InsertAsync(1, VpcdSlot.Load(chg)))
        {
            var completed = await clerk.Post("/meter-change?handler=Complete", "/meter-change", ("NewMeter", "12345679"));
            completed.At!.AbsolutePath.ShouldStartWith("/receipt/");
        }

        FolderCardReader.Save(li, userCard);
        (await site.Books.Vend("--card", "li", "card", "read")).Out.ShouldContain("12345679");
    }
}
