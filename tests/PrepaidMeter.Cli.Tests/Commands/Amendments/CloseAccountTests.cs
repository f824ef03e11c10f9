using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands.Amendments;

/// <summary>
/// 销户 as the seed manual plays it (docs/vending.md, "Closing an account"): the customer's last purchase swiped, the meter read
/// by a check card, the account closed with its credit refunded, the card recycled, the meter back in stock, and no sale after.
/// </summary>
public sealed class CloseAccountTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public CloseAccountTests()
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
    public async Task CloseAccount_SwipedAndReadByCheckCard_RefundsRecyclesTheCardAndPutsTheMeterInStock()
    {
        var counter = new CounterOnFiles(_folder, _folder.File("prepaid.db"));
        await counter.SetUpSwipedAccount(); // 50 kWh at 0.50, swiped: the meter holds 60 with its preset
        var saved = await File.ReadAllTextAsync(_folder.File("cards/li.hex"));

        (await counter.Vend("--card", "li", "close", "account")).Err.ShouldContain("no reading of meter");
        (await counter.Vend("--card", "chk", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        (await counter.Vend("--card", "chk", "card", "tool", "check", "--group", "100001", "--meter", "12345678")).Exit.ShouldBe(0);
        (await Prepaid.RunAsync("meter", "insert", "-m", _folder.File("m.nvram"), _folder.File("cards/chk.hex"))).Out.ShouldStartWith("Read");
        (await counter.Vend("--card", "chk", "card", "reading")).Exit.ShouldBe(0);

        var closed = await counter.Vend("--json", "--card", "li", "close", "account");

        closed.Exit.ShouldBe(0, closed.Err);
        closed.Out.ShouldContain("\"refunded\": \"25.00\"");
        closed.Out.ShouldContain("\"receiptNumber\": 2");
        (await counter.Vend("--card", "li", "card", "read")).Out.ShouldContain("a blank card");
        (await counter.Vend("meter", "list")).Out.ShouldContain("stock");
        (await counter.Vend("query", "closings")).Out.ShouldContain("Li Wei");
        var daily = await Prepaid.RunAsync("report", "--db", counter.Db, "daily");
        daily.Out.ShouldContain("refunds");
        daily.Out.ShouldContain("25.00");

        await File.WriteAllTextAsync(_folder.File("cards/li.hex"), saved); // a copy of the card as it was
        var sold = await counter.Vend("--card", "li", "sell", "--energy", "10");
        sold.Exit.ShouldBe(2);
        sold.Err.ShouldContain("belongs to no open account");
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
    }
}
