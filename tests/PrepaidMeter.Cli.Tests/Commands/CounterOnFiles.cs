using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// A counter driven through `prepaid vend` on card files (reader folder "cards") and a meter file, as a QA
/// engineer would: the books are a SQLite file or a PostgreSQL database, whatever <paramref name="db"/> names.
/// </summary>
internal sealed class CounterOnFiles(TempFolder folder, string db)
{
    public const string Secret = "5052455041494430";

    public string Db => db;

    public Task<(int Exit, string Out, string Err)> Vend(params string[] args) =>
        Prepaid.RunAsync(["vend", "--db", db, "--reader", "folder:" + folder.File("cards"), .. args]);

    /// <summary>Card "li" into meter 12345678 (m.nvram); the meter's result code must start with <paramref name="expected"/>.</summary>
    public async Task Swipe(string expected) =>
        (await Prepaid.RunAsync("meter", "insert", "-m", folder.File("m.nvram"), folder.File("cards/li.hex"))).Out.ShouldStartWith(expected);

    /// <summary>A counter on a new site in <paramref name="folder"/> (books prepaid.db, card folder "cards"), nothing else.</summary>
    public static async Task<CounterOnFiles> NewSiteAsync(TempFolder folder)
    {
        var counter = new CounterOnFiles(folder, folder.File("prepaid.db"));
        await counter.InitAsync();
        return counter;
    }

    /// <summary>A site with a group, a price, customer 1, meter 12345678 configured by a set card, and account 1 whose card "li" is swiped.</summary>
    public async Task SetUpSwipedAccount(string firstEnergy = "50")
    {
        await InitAsync();
        (await Vend("group", "add", "--code", "100001", "--name", "North", "--secret", Secret, "--model", "pm-ref-energy", "--limit", "999", "--preset", "10", "--alarm1", "20", "--alarm2", "10", "--overdraft", "5")).Exit.ShouldBe(0);
        (await Vend("price", "add", "--group", "100001", "--name", "residential", "--flat", "0.5")).Exit.ShouldBe(0);
        (await Vend("customer", "add", "--name", "Li Wei")).Exit.ShouldBe(0);
        (await Vend("meter", "stock-in", "12345678", "--group", "100001")).Exit.ShouldBe(0);
        (await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-energy", "--number", "12345678", "--group", "100001", "--secret", Secret, "-o", folder.File("m.nvram"))).Exit.ShouldBe(0);
        (await Vend("--card", "set", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        (await Vend("--card", "set", "card", "tool", "set", "--group", "100001")).Exit.ShouldBe(0);
        (await Prepaid.RunAsync("meter", "insert", "-m", folder.File("m.nvram"), folder.File("cards/set.hex"))).Out.ShouldStartWith("Configured");
        (await Vend("--card", "li", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        (await Vend("--card", "li", "account", "open", "--customer", "1", "--meter", "12345678", "--price", "1", "--energy", firstEnergy)).Exit.ShouldBe(0);
        await Swipe("Loaded");
    }

    private async Task InitAsync()
    {
        Directory.CreateDirectory(folder.File("cards"));
        (await Vend("init", "--station", "0001", "--name", "Test")).Exit.ShouldBe(0);
    }
}
