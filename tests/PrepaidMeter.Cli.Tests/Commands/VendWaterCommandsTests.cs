using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// A site sells water from the command line (docs/water-gas.md, "Selling water and gas"): a water group from the water
/// model with its sub-meter number, a price per m³, an account opened and sold in m³ or money, the water meter loading
/// the card, and kWh refused for it.
/// </summary>
public sealed class VendWaterCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public VendWaterCommandsTests()
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
    public async Task WaterGroup_FromGroupToSwipe_SoldInM3AndMoney_KwhRefused()
    {
        var counter = await Site();
        var group = await counter.Vend("--json", "group", "add", "--code", "200002", "--name", "Waterworks", "--secret", CounterOnFiles.Secret,
            "--model", "pm-ref-water", "--sub-meter", "2", "--limit", "100");
        group.Exit.ShouldBe(0, group.Err);
        group.Out.ShouldContain("\"meterType\": \"water\"");
        group.Out.ShouldContain("\"subMeter\": 2");
        group.Out.ShouldContain("\"purchaseLimit\": \"100.00 m\\u00B3\"");
        (await counter.Vend("price", "add", "--group", "200002", "--name", "residential water", "--flat", "3.5")).Exit.ShouldBe(0);
        (await counter.Vend("customer", "add", "--name", "Li Wei")).Exit.ShouldBe(0);
        (await counter.Vend("meter", "stock-in", "777", "--group", "200002")).Exit.ShouldBe(0);
        (await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-water", "--number", "777", "--group", "200002", "--secret", CounterOnFiles.Secret, "-o", _folder.File("m.nvram"))).Exit.ShouldBe(0);
        (await counter.Vend("--card", "set", "card", "blank", "--group", "200002")).Exit.ShouldBe(0);
        (await counter.Vend("--card", "set", "card", "tool", "set", "--group", "200002")).Exit.ShouldBe(0);
        (await Prepaid.RunAsync("meter", "insert", "-m", _folder.File("m.nvram"), _folder.File("cards/set.hex"))).Out.ShouldStartWith("Configured");
        (await counter.Vend("--card", "li", "card", "blank", "--group", "200002")).Exit.ShouldBe(0);

        var opened = await counter.Vend("--card", "li", "account", "open", "--customer", "1", "--meter", "777", "--price", "1", "--volume", "10");

        opened.Exit.ShouldBe(0, opened.Err);
        opened.Out.ShouldContain("10.00 m³");
        opened.Out.ShouldContain("35.00");
        (await Prepaid.RunAsync("meter", "insert", "-m", _folder.File("m.nvram"), _folder.File("cards/li.hex"))).Out.ShouldStartWith("Loaded");
        var kwh = await counter.Vend("--card", "li", "sell", "--energy", "5");
        kwh.Exit.ShouldBe(ExitCodes.Refused);
        kwh.Err.ShouldContain("a water or gas group sells m³ or money, not 5.00 kWh");
        var byMoney = await counter.Vend("--card", "li", "sell", "--money", "7");
        byMoney.Exit.ShouldBe(0, byMoney.Err);
        byMoney.Out.ShouldContain("2.00 m³");
        (await Prepaid.RunAsync("meter", "insert", "-m", _folder.File("m.nvram"), _folder.File("cards/li.hex"))).Out.ShouldStartWith("Loaded");
        (await counter.Vend("--card", "li", "sell", "--volume", "1.5")).Exit.ShouldBe(0);
        var shown = await Prepaid.RunAsync("meter", "show", _folder.File("m.nvram"));
        shown.Out.ShouldContain("17.00 m³", customMessage: "the model's 5.00 m³ preset, 10 and 2 loaded; the last sale not yet swiped");
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
    }

    [Fact]
    public async Task Sell_TwoAmounts_UsageErrorNamingAllThree()
    {
        var counter = await Site();

        var refused = await counter.Vend("--card", "li", "sell", "--volume", "1", "--money", "2");
        var malformed = await counter.Vend("--card", "li", "sell", "--volume", "a bucket");

        refused.Exit.ShouldBe(ExitCodes.Usage);
        refused.Err.ShouldContain("give exactly one of --energy, --volume or --money");
        malformed.Exit.ShouldBe(ExitCodes.Refused, "a value that does not read is refused, as every malformed vend value is");
        malformed.Err.ShouldContain("--volume:");
    }

    [Fact]
    public async Task GroupAdd_SubMeterTaken_RefusedNamingItsGroup()
    {
        var counter = await Site();
        (await counter.Vend("group", "add", "--code", "200002", "--name", "Water", "--secret", CounterOnFiles.Secret, "--model", "pm-ref-water", "--sub-meter", "1")).Exit.ShouldBe(0);

        var refused = await counter.Vend("group", "add", "--code", "200003", "--name", "Gas", "--secret", CounterOnFiles.Secret, "--model", "pm-ref-gas", "--sub-meter", "1");

        refused.Exit.ShouldBe(ExitCodes.Refused);
        refused.Err.ShouldContain("sub-meter number 1 is supply group 200002's");
    }

    private Task<CounterOnFiles> Site() => CounterOnFiles.NewSiteAsync(_folder);
}
