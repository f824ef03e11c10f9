using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>`prepaid layout|model|lab check`: schema then loader, every mistake with its file, JSON path and reason.</summary>
public sealed class FileCheckCommandTests
{
    [Fact]
    public async Task ModelCheck_VendorModelFile_PassesNamingItsLayoutsAndHashes()
    {
        using var folder = new TempFolder();
        var model = VendorModelFiles.Write(folder.File("x"));

        var (exit, output, error) = await Prepaid.RunAsync("model", "check", model);

        exit.ShouldBe(ExitCodes.Success, error);
        output.ShouldContain($"{model}: ok: model {VendorModelFiles.ModelId}");
        output.ShouldContain($"{VendorModelFiles.LayoutId} (SHA-256 ");
    }

    [Theory]
    [InlineData("legacy-money.json")]
    [InlineData("pm-ref-money-tou.json")]
    [InlineData("pm-ref-water.json")]
    [InlineData("pm-ref-gas.json")]
    public async Task ModelCheck_ShippedModelFile_Passes_ATariffFindsItsSchemaBesideTheModels(string file)
    {
        var (exit, output, error) = await Prepaid.RunAsync("model", "check", Path.Combine(RepoPaths.Root, "fixtures", "models", file));

        exit.ShouldBe(ExitCodes.Success, error);
        output.ShouldContain(": ok: model ");
    }

    [Fact]
    public async Task ModelCheck_SeveralStructuralMistakes_ListsEveryOneWithItsJsonPath()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("bad.json"), """
            { "id": "bad", "creditUnit": "kwh", "layouts": [ "pm-ref-v1" ], "colour": "red",
              "defaults": { "alarm1": "twenty", "alarm2": "10.00", "overdraftLimit": "0", "purchaseLimit": "999", "powerLimitWatts": 1 } }
            """);

        var (exit, output, error) = await Prepaid.RunAsync("model", "check", folder.File("bad.json"));

        exit.ShouldBe(ExitCodes.Refused);
        output.ShouldBeEmpty();
        error.ShouldContain($"prepaid: {folder.File("bad.json")}: $.creditUnit: ");
        error.ShouldContain($"prepaid: {folder.File("bad.json")}: $.defaults.alarm1: ");
        error.ShouldContain("colour");
        error.ShouldContain("1 of 1 files have mistakes");
    }

    [Fact]
    public async Task LayoutCheck_OneMistakeInALayoutOfManyFields_IsToldOnce_NotOncePerFieldsAlternative()
    {
        using var kit = new VendorKit();
        kit.EditLayout("acme-cpu", layout => layout["fields"]![1]!["encoding"] = "uint-xx");

        var (exit, _, error) = await Prepaid.RunAsync("layout", "check", kit.LayoutPath("acme-cpu"));

        exit.ShouldBe(ExitCodes.Refused);
        error.Trim().Split('\n').ShouldBe([$"prepaid: {kit.LayoutPath("acme-cpu")}: $.fields[1].encoding: \"uint-xx\" is not one of [\"uint-be\",\"uint-le\",\"int-be\",\"int-le\",\"bcd\",\"bcd-le\",\"bcd-signed\",\"ascii\",\"raw\",\"bcd-datetime\"]", "prepaid: 1 of 1 files have mistakes"]);
    }

    [Fact]
    public async Task ModelCheck_RuleBetweenMembers_NamesTheMemberTheLoaderNames()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("m.json"), """
            { "id": "m", "creditUnit": "energy", "layouts": [ "pm-ref-v1" ],
              "defaults": { "alarm1": "10.00", "alarm2": "20.00", "overdraftLimit": "0", "purchaseLimit": "999", "powerLimitWatts": 1 } }
            """);

        var (exit, _, error) = await Prepaid.RunAsync("model", "check", folder.File("m.json"));

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain($"prepaid: {folder.File("m.json")}: $.defaults: ");
    }

    [Fact]
    public async Task LabCheck_SaleBeforeAnyAccount_NamesTheStep()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("s.json"), """{ "name": "s", "model": "pm-ref-energy", "steps": [ { "do": "sell", "energy": "5" } ] }""");

        var (exit, _, error) = await Prepaid.RunAsync("lab", "check", folder.File("s.json"));

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain($"prepaid: {folder.File("s.json")}: $.steps[0]: 'sell': needs the customer's card");
    }

    [Fact]
    public async Task LayoutCheck_ShippedAndVendorLayouts_Pass()
    {
        var (exit, output, error) = await Prepaid.RunAsync("layout", "check", RepoPaths.Fixtures("layouts", "pm-ref-v1.json"), RepoPaths.Fixtures("vendor-layouts", "acme-le128.json"));

        exit.ShouldBe(ExitCodes.Success, error);
        output.ShouldContain("layout pm-ref-v1 version 1");
        output.ShouldContain("layout acme-le128");
        output.ShouldContain("no MAC: cards can be forged");
    }
}
