using System.Text.Json;
using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// Error-tolerance selling and reset for selling at the counter, as the PPMS daily work has them (docs/vending.md): a card
/// the meter never wrote back is sold past "card not swiped" on a check card's reading, and a card with a torn purchase area
/// is written again from the books, which the meter loads once.
/// </summary>
public sealed class VendToleranceCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public VendToleranceCommandsTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

    public void Dispose()
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task ToleranceSellAndReset_AsTheCounterPlaysThem_LoadEachPurchaseOnce()
    {
        var counter = new CounterOnFiles(_folder, _folder.File("prepaid.db"));
        await counter.SetUpSwipedAccount();
        var card = _folder.File("cards/li.hex");

        // Purchase 2 reaches the meter on a copy: the card itself never gets the return-write.
        (await counter.Vend("--card", "li", "sell", "--energy", "10")).Exit.ShouldBe(0);
        File.Copy(card, _folder.File("cards/copy.hex"));
        (await Prepaid.RunAsync("meter", "insert", "-m", _folder.File("m.nvram"), _folder.File("cards/copy.hex"))).Out.ShouldStartWith("Loaded");
        (await counter.Vend("--card", "li", "sell", "--energy", "5")).Err.ShouldContain("card not swiped");
        var unproven = await counter.Vend("--card", "li", "tolerance", "sell", "--energy", "5", "--reason", "meter writes nothing back");
        unproven.Exit.ShouldBe(2, unproven.Err);
        unproven.Err.ShouldContain("no reading of meter 000012345678 since purchase 2 was sold");

        // A check card shows the meter holds purchase 2: the error-tolerance sale writes purchase 3, which loads once.
        (await counter.Vend("--card", "chk", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        (await counter.Vend("--card", "chk", "card", "tool", "check", "--group", "100001", "--meter", "12345678")).Exit.ShouldBe(0);
        (await Prepaid.RunAsync("meter", "insert", "-m", _folder.File("m.nvram"), _folder.File("cards/chk.hex"))).Out.ShouldStartWith("Read");
        (await counter.Vend("--card", "chk", "card", "reading")).Exit.ShouldBe(0);
        var sold = await counter.Vend("--json", "--card", "li", "tolerance", "sell", "--energy", "5", "--reason", "meter writes nothing back");
        sold.Exit.ShouldBe(0, sold.Err);
        using (var json = JsonDocument.Parse(sold.Out))
        {
            json.RootElement.GetProperty("evidence").GetString().ShouldBe("reading");
            json.RootElement.GetProperty("purchaseCount").GetString().ShouldBe("3");
        }

        await counter.Swipe("Loaded");
        await counter.Swipe("AlreadyLoaded");

        // The purchase area torn: the card is refused until it is written again from the books; the meter has purchase 3 already.
        CardImageHex.TryParse(await File.ReadAllTextAsync(card), out var image, out var headers).ShouldBeNull();
        image[61] ^= 0x5A;
        await File.WriteAllTextAsync(card, CardImageHex.Format(image, headers.Select(h => $"{h.Key}: {h.Value}")));
        (await counter.Vend("--card", "li", "sell", "--energy", "5")).Exit.ShouldBe(2);
        var reset = await counter.Vend("--card", "li", "tolerance", "reset", "--account", "1", "--reason", "purchase area torn");
        reset.Exit.ShouldBe(0, reset.Err);
        reset.Out.ShouldContain("unreadable");
        await counter.Swipe("AlreadyLoaded");
        (await counter.Vend("--card", "li", "sell", "--energy", "5")).Exit.ShouldBe(0);
        await counter.Swipe("Loaded");

        var uses = await counter.Vend("--json", "query", "tolerance");
        using (var json = JsonDocument.Parse(uses.Out))
        {
            json.RootElement.EnumerateArray().Select(u => u.GetProperty("kind").GetString()).ShouldBe(["sale", "reset"]);
        }

        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
    }
}
