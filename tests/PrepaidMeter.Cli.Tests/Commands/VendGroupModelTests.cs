using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>`vend group add --model` takes a shipped id or a vendor's model file; the layout and unit follow the model.</summary>
public sealed class VendGroupModelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public VendGroupModelTests()
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
    public async Task GroupAdd_VendorModelFile_KeepsItsLayoutAndIssuesCardsOnceTheFilesAreGone()
    {
        var counter = await Site();
        var model = VendorModelFiles.Write(_folder.File("x"));

        var added = await counter.Vend("group", "add", "--code", "100002", "--name", "Acme", "--secret", CounterOnFiles.Secret, "--model", model);
        Directory.Delete(_folder.File("x"), recursive: true);

        added.Exit.ShouldBe(0, added.Err);
        added.Out.ShouldContain(VendorModelFiles.ModelId);
        added.Out.ShouldContain(VendorModelFiles.LayoutId);
        var blank = await counter.Vend("--card", "acme", "card", "blank", "--group", "100002");
        blank.Exit.ShouldBe(0, blank.Err);
        CardImageHex.TryParse(await File.ReadAllTextAsync(_folder.File("cards/acme.hex")), out var image).ShouldBeNull();
        image.Length.ShouldBe(CardLayouts.ReferenceV1.Size);
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
    }

    [Fact]
    public async Task VendorModel_FromGroupToSwipe_WorksOnceTheFilesAreGone()
    {
        var counter = await Site();
        var model = VendorModelFiles.Write(_folder.File("x"));
        (await counter.Vend("group", "add", "--code", "100002", "--name", "Acme", "--secret", CounterOnFiles.Secret, "--model", model, "--limit", "999")).Exit.ShouldBe(0);
        (await Prepaid.RunAsync("meter", "new", "--model", model, "--number", "777", "--group", "100002", "--secret", CounterOnFiles.Secret, "-o", _folder.File("m.nvram"))).Exit.ShouldBe(0);
        Directory.Delete(_folder.File("x"), recursive: true);
        await ConfiguredMeterWithAnAccountAsync(counter);

        var swiped = await Prepaid.RunAsync("meter", "insert", "-m", _folder.File("m.nvram"), _folder.File("cards/li.hex"));

        swiped.Out.ShouldStartWith("Loaded", customMessage: swiped.Err);
        (await counter.Vend("--card", "li", "sell", "--energy", "10")).Exit.ShouldBe(0, "the swiped card comes back to the counter and sells again");
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
    }

    [Theory]
    [InlineData("at24c02")]
    [InlineData("cpu")]
    public async Task VendorKitModel_CardFilesGoFromCounterToMeterAndBack_OnTheLayoutsOwnMedium(string card)
    {
        var counter = await Site();
        using var kit = new VendorKit();
        var model = card == "cpu" ? kit.CpuModel : kit.At24c02Model;
        (await counter.Vend("group", "add", "--code", "100002", "--name", "Acme", "--secret", CounterOnFiles.Secret, "--model", model, "--limit", "999")).Exit.ShouldBe(0);
        (await Prepaid.RunAsync("meter", "new", "--model", model, "--number", "777", "--group", "100002", "--secret", CounterOnFiles.Secret, "-o", _folder.File("m.nvram"))).Exit.ShouldBe(0);
        await ConfiguredMeterWithAnAccountAsync(counter);

        var swiped = await Prepaid.RunAsync("meter", "insert", "-m", _folder.File("m.nvram"), _folder.File("cards/li.hex"));

        swiped.Out.ShouldStartWith("Loaded", customMessage: swiped.Err);
        var file = await File.ReadAllTextAsync(_folder.File("cards/li.hex"));
        file.ShouldContain(card == "cpu" ? "# files: 0005:issuer:8:never 0015:parameters:56:key" : "# medium: at24c02");
        (await counter.Vend("--card", "li", "sell", "--energy", "10")).Exit.ShouldBe(0, "the swiped card comes back to the counter and sells again");
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
    }

    /// <summary>Group 100002's price, a customer, meter 777 stocked in and configured by a set card, and an account with 50 on card li.</summary>
    private async Task ConfiguredMeterWithAnAccountAsync(CounterOnFiles counter)
    {
        (await counter.Vend("price", "add", "--group", "100002", "--name", "residential", "--flat", "0.5")).Exit.ShouldBe(0);
        (await counter.Vend("customer", "add", "--name", "Li Wei")).Exit.ShouldBe(0);
        (await counter.Vend("meter", "stock-in", "777", "--group", "100002")).Exit.ShouldBe(0);
        (await counter.Vend("--card", "set", "card", "blank", "--group", "100002")).Exit.ShouldBe(0);
        (await counter.Vend("--card", "set", "card", "tool", "set", "--group", "100002")).Exit.ShouldBe(0);
        (await Prepaid.RunAsync("meter", "insert", "-m", _folder.File("m.nvram"), _folder.File("cards/set.hex"))).Out.ShouldStartWith("Configured");
        (await counter.Vend("--card", "li", "card", "blank", "--group", "100002")).Exit.ShouldBe(0);
        var opened = await counter.Vend("--card", "li", "account", "open", "--customer", "1", "--meter", "777", "--price", "1", "--energy", "50");
        opened.Exit.ShouldBe(0, opened.Err);
    }

    [Fact]
    public async Task GroupAdd_UnitTheModelDoesNotCountIn_RefusedNamingTheModelsUnit()
    {
        var counter = await Site();

        var refused = await counter.Vend("group", "add", "--code", "100002", "--name", "Acme", "--secret", CounterOnFiles.Secret, "--model", "pm-ref-energy", "--unit", "money");

        refused.Exit.ShouldBe(ExitCodes.Refused);
        refused.Err.ShouldContain("--unit money: model 'pm-ref-energy' counts in energy");
    }

    [Theory]
    [InlineData("volume", "--unit volume: model 'pm-ref-energy' counts in energy")]
    [InlineData("water", "--unit water: must be 'energy', 'money' or 'volume'")]
    public async Task GroupAdd_UnitThatIsNotTheModels_RefusedNamingTheUnits(string unit, string message)
    {
        var counter = await Site();

        var refused = await counter.Vend("group", "add", "--code", "100002", "--name", "Acme", "--secret", CounterOnFiles.Secret, "--model", "pm-ref-energy", "--unit", unit);

        refused.Exit.ShouldBe(ExitCodes.Refused);
        refused.Err.ShouldContain(message);
    }

    [Fact]
    public async Task GroupAdd_LayoutTheModelDoesNotRead_Refused()
    {
        var counter = await Site();

        var refused = await counter.Vend("group", "add", "--code", "100002", "--name", "Acme", "--secret", CounterOnFiles.Secret, "--model", "pm-ref-energy", "--layout", "legacy-bcd-v1");

        refused.Exit.ShouldBe(ExitCodes.Refused);
        refused.Err.ShouldContain("--layout legacy-bcd-v1: model 'pm-ref-energy' reads pm-ref-v1");
    }

    [Fact]
    public async Task GroupAdd_MoneyModelWithoutUnitOrLayout_TakesTheModelsUnitAndLayout()
    {
        var counter = await Site();

        var added = await counter.Vend("--json", "group", "add", "--code", "100002", "--name", "Old", "--secret", CounterOnFiles.Secret, "--model", "legacy-money");

        added.Exit.ShouldBe(0, added.Err);
        added.Out.ShouldContain("\"layout\": \"legacy-bcd-v1\"");
        added.Out.ShouldContain("\"creditUnit\": \"Money\"");
    }

    private Task<CounterOnFiles> Site() => CounterOnFiles.NewSiteAsync(_folder);
}
