using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>A card file that cannot be written is a card write that failed: nothing recorded, nothing pending (docs/vending.md).</summary>
public sealed class VendCardFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public VendCardFileTests()
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
    public async Task Sell_CardFileCannotBeWritten_RefusedDiscardedAndNothingPending()
    {
        var counter = new CounterOnFiles(_folder, _folder.File("prepaid.db"));
        await counter.SetUpSwipedAccount();
        var card = _folder.File("cards/li.hex");
        var before = await File.ReadAllTextAsync(card);
        Directory.CreateDirectory(card + ".tmp"); // the file's save writes beside it first: a folder in the way fails it

        var sold = await counter.Vend("--card", "li", "sell", "--energy", "10");

        sold.Exit.ShouldBe(2, sold.Err);
        sold.Err.Trim().ShouldStartWith("prepaid: the card write failed (ReaderFault: the card file");
        sold.Err.ShouldContain("the card is as it was and nothing was recorded");
        (await File.ReadAllTextAsync(card)).ShouldBe(before);
        (await counter.Vend("recover", "--list")).Out.Trim().ShouldBe("(none)");
        (await counter.Vend("--json", "query", "purchases")).Out.Split("\"saleId\"").Length.ShouldBe(2, "the opening sale only");
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);

        Directory.Delete(card + ".tmp");
        (await counter.Vend("--card", "li", "sell", "--energy", "10")).Exit.ShouldBe(0);
    }
}
