using System.Text.Json;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands.Vend.Splits;

/// <summary>
/// Proportion of energy consuming (用电比例) the way PPMS registration does it: a house whose meter also feeds a shop; the
/// clerk splits its energy 60/40 between the family at the residential price and the shopkeeper at the commercial one,
/// sells, prints the receipt, reads the takings by price type, and ends the split when the shop closes (docs/vending.md).
/// </summary>
public sealed class VendSplitCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public VendSplitCommandTests()
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
    public async Task Split_AtTheCounter_TheSaleIsPricedShareByShareOnTheReceiptTheInvoiceAndTheTakings()
    {
        var counter = new CounterOnFiles(_folder, _folder.File("prepaid.db"));
        await counter.SetUpSwipedAccount("20");
        (await counter.Vend("price", "add", "--group", "100001", "--name", "commercial", "--flat", "1.0")).Exit.ShouldBe(0);
        (await counter.Vend("customer", "add", "--name", "Zhang Min")).Exit.ShouldBe(0);

        var set = await counter.Vend("--json", "split", "set", "1", "--share", "1:1:60", "--share", "2:2:40", "--reason", "shop in the house");
        set.Exit.ShouldBe(0, set.Err);
        using (var split = JsonDocument.Parse(set.Out))
        {
            split.RootElement.GetProperty("shares").EnumerateArray().Select(s => s.GetProperty("percent").GetString()).ShouldBe(["60.00%", "40.00%"]);
        }

        var sold = await counter.Vend("--json", "--card", "li", "sell", "--energy", "10");
        sold.Exit.ShouldBe(0, sold.Err);
        using (var receipt = JsonDocument.Parse(sold.Out))
        {
            receipt.RootElement.GetProperty("money").GetString().ShouldBe("7.00");
            receipt.RootElement.GetProperty("shares").EnumerateArray().Select(s => $"{s.GetProperty("customerName").GetString()} {s.GetProperty("energy").GetString()} {s.GetProperty("money").GetString()}")
                .ShouldBe(["Li Wei 6.00 kWh 3.00", "Zhang Min 4.00 kWh 4.00"]);
        }

        await counter.Swipe("Loaded");
        (await counter.Vend("query", "shares", "--customer", "2")).Out.ShouldContain("Zhang Min");
        var printed = await counter.Vend("invoice", "print", "--receipt", "2", "--out", _folder.File("r2.html"));
        printed.Exit.ShouldBe(0, printed.Err);
        var html = File.ReadAllText(_folder.File("r2.html"));
        html.ShouldContain("Zhang Min (2), commercial 40.00%: 4.00 kWh");
        var byType = await Prepaid.RunAsync("report", "--db", counter.Db, "classified", "--by", "price-type");
        byType.Exit.ShouldBe(0, byType.Err);
        byType.Out.ShouldMatch(@"(?s)commercial\s*│?\s*0\s*│?\s*4\.00\s*│?\s*4\.00.*residential\s*│?\s*2\s*│?\s*26\.00\s*│?\s*13\.00");

        (await counter.Vend("split", "end", "1", "--reason", "shop closed")).Exit.ShouldBe(0);
        (await counter.Vend("--json", "--card", "li", "sell", "--energy", "10")).Out.ShouldNotContain("\"shares\"");
        (await counter.Vend("split", "show", "1")).Out.ShouldContain("shop closed");
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
    }

    [Theory]
    [InlineData("1:1", 1, "--share takes CUSTOMER:PRICE-TYPE:PERCENT")]
    [InlineData("1:1:60.005", 1, "--share takes CUSTOMER:PRICE-TYPE:PERCENT")]
    [InlineData("1:1:101", 2, "sum to 100.00%")]
    [InlineData("1:1:99999999", 1, "--share takes CUSTOMER:PRICE-TYPE:PERCENT")]
    [InlineData("1:1:50", 2, "sum to 100.00%")]
    public async Task SplitSet_BadShare_SaysWhatIsWrongAndRecordsNothing(string share, int exit, string message)
    {
        var counter = new CounterOnFiles(_folder, _folder.File("prepaid.db"));
        await counter.SetUpSwipedAccount("20");

        var refused = await counter.Vend("split", "set", "1", "--share", share, "--share", "1:1:40", "--reason", "x");

        refused.Exit.ShouldBe(exit, refused.Err);
        refused.Err.ShouldContain(message);
        (await counter.Vend("--json", "split", "show", "1")).Out.ShouldContain("\"changes\": []");
    }
}
