using System.Text.Json;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands.Vend.Accounts;

/// <summary>An account transfer (过户) the way a counter does it: open, sell, swipe, transfer, sell to the new customer (docs/vending.md).</summary>
public sealed class AccountTransferCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public AccountTransferCommandTests()
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
    public async Task Transfer_AtTheCounter_TheNewCustomerBuysOnTheSameCardAndEachSeesTheirOwnPurchases()
    {
        var counter = new CounterOnFiles(_folder, _folder.File("prepaid.db"));
        await counter.SetUpSwipedAccount("20");
        (await counter.Vend("--card", "li", "sell", "--energy", "10")).Exit.ShouldBe(0);

        // Not swiped yet: refused, nothing changes.
        var early = await counter.Vend("--card", "li", "account", "transfer", "--name", "Zhang San", "--reason", "sold");
        early.Exit.ShouldBe(2, early.Err);
        early.Err.ShouldContain("card not swiped");

        await counter.Swipe("Loaded");
        var moved = await counter.Vend("--json", "--card", "li", "account", "transfer", "--name", "Zhang San", "--line", "L2", "--reason", "sold");
        moved.Exit.ShouldBe(0, moved.Err);
        using var transfer = JsonDocument.Parse(moved.Out);
        var buyer = transfer.RootElement.GetProperty("toCustomer").GetString()!;
        transfer.RootElement.GetProperty("purchaseCount").GetString().ShouldBe("2");

        var sold = await counter.Vend("--json", "--card", "li", "sell", "--energy", "5");
        sold.Exit.ShouldBe(0, sold.Err);
        sold.Out.ShouldContain($"\"customer\": \"{buyer}\"");
        await counter.Swipe("Loaded");

        Purchases((await counter.Vend("--json", "query", "purchases", "--customer", "1")).Out).ShouldBe(["1", "2"]);
        Purchases((await counter.Vend("--json", "query", "purchases", "--customer", buyer)).Out).ShouldBe(["3"]);
        (await counter.Vend("query", "transfers", "--customer", buyer)).Out.ShouldContain("Zhang San");
        (await counter.Vend("account", "book", "1")).Out.ShouldContain("transferred to account 2");
        (await counter.Vend("account", "check")).Out.ShouldContain("2 account(s) checked: every one agrees with its book");
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
    }

    private static string[] Purchases(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(r => r.GetProperty("purchaseCount").GetString()!)];
    }
}
