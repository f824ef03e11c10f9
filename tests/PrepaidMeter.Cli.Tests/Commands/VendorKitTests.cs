using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// Issue 23's "done means": a made-up vendor's own files — a 128-byte little-endian layout on an AT24C02 and a
/// CPU-card layout with a file map, a model for each, in a folder away from fixtures/ — checked and certified from
/// the command line on `virtual` and on `stack` (meter device processes, cards through pcscd and vpcd, the link
/// over socat), every clause passing; the same model with a broken layout refused before anything runs, with one error.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class VendorKitTests
{
    public static TheoryData<string, string> Targets() => new()
    {
        { "at24c02", "virtual" },
        { "cpu", "virtual" },
        { "at24c02", "stack" },
        { "cpu", "stack" },
    };

    private static string ModelOf(VendorKit kit, string card) => card == "cpu" ? kit.CpuModel : kit.At24c02Model;

    [Theory]
    [InlineData("at24c02")]
    [InlineData("cpu")]
    public async Task ModelCheck_VendorModel_Exits0(string card)
    {
        using var kit = new VendorKit();

        var (exit, output, error) = await Prepaid.RunAsync("model", "check", ModelOf(kit, card));

        exit.ShouldBe(ExitCodes.Success, error);
        output.ShouldContain("ok");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Certify_VendorModel_EveryClausePasses(string card, string target)
    {
        using var kit = new VendorKit();
        var output = Path.Combine(kit.Root, "out");

        var (exit, printed, error) = await Prepaid.RunAsync("certify", "--model", ModelOf(kit, card), "--target", target, "--out", output);

        exit.ShouldBe(ExitCodes.Success, printed + error);
        printed.ShouldContain($"on {target}: certified");
        (await File.ReadAllTextAsync(Path.Combine(output, "results.json"))).ShouldContain("\"passed\": true");
    }

    [Fact]
    public async Task Certify_CpuModelWhoseLayoutPutsAFieldInNoFile_Exits2WithOneErrorBeforeAnythingRuns()
    {
        using var kit = new VendorKit();
        kit.EditLayout("acme-cpu", layout => layout["fields"]![12]!["file"] = "wallet");
        var output = Path.Combine(kit.Root, "out");

        var (exit, _, error) = await Prepaid.RunAsync("certify", "--model", kit.CpuModel, "--target", "stack", "--out", output);

        exit.ShouldBe(ExitCodes.Refused);
        error.Trim().Split('\n').ShouldHaveSingleItem().ShouldContain("field 'purchaseCount' is placed in file 'wallet', which the medium does not list");
        Directory.Exists(output).ShouldBeFalse();
    }

    [Fact]
    public async Task Certify_At24c02ModelWhoseLayoutOutgrowsTheCard_Exits2WithOneErrorBeforeAnythingRuns()
    {
        using var kit = new VendorKit();
        kit.EditLayout("acme-le128", layout => layout["medium"]!["type"] = "at24c01");
        kit.EditLayout("acme-le128", layout => layout["medium"]!["offset"] = 64);
        var output = Path.Combine(kit.Root, "out");

        var (exit, _, error) = await Prepaid.RunAsync("certify", "--model", kit.At24c02Model, "--target", "stack", "--out", output);

        exit.ShouldBe(ExitCodes.Refused);
        error.Trim().Split('\n').ShouldHaveSingleItem().ShouldContain("beyond the at24c01's 128 bytes");
        Directory.Exists(output).ShouldBeFalse();
    }
}
