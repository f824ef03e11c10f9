using System.Security.Cryptography;
using System.Text.Json;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// Issue 23: a meter made from a vendor's model file keeps the model in its NVRAM (rule N1), so it works after the
/// model's folder is gone — the command runs from the test's own folder, never the model's.
/// </summary>
public sealed class MeterFromModelFileTests : IDisposable
{
    private const string Secret = "5052455041494430";
    private readonly TempFolder _folder = new();

    private string MeterFile => _folder.File("m.nvram");

    private string VendorFolder => Path.Combine(_folder.Path, "vendor");

    public void Dispose() => _folder.Dispose();

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    // pm-ref-v1 cards: the vendor's layout is a copy of it under another id, so they encode the same.
    private async Task<string> CardAsync(string name, string json)
    {
        File.WriteAllText(_folder.File(name + ".json"), json);
        var (exit, image, error) = await Prepaid.RunAsync("card", "encode", "-l", "pm-ref-v1", "--secret", Secret, _folder.File(name + ".json"));
        exit.ShouldBe(0, error);
        File.WriteAllText(_folder.File(name + ".hex"), image);
        return _folder.File(name + ".hex");
    }

    /// <summary>A meter of the vendor's model, its model's folder deleted; the SHA-256 of the model file and of its layout file.</summary>
    private async Task<(string Model, string Layout)> MeterWithoutItsModelFilesAsync()
    {
        var model = VendorModelFiles.Write(_folder.Path);
        var hashes = (Sha256Of(model), Sha256Of(Path.Combine(VendorFolder, "layouts", VendorModelFiles.LayoutId + ".json")));
        var (exit, _, error) = await Prepaid.RunAsync("meter", "new", "--model", model, "--number", "000012345678", "--group", "100001",
            "--secret", Secret, "--out", MeterFile);
        exit.ShouldBe(0, error);
        Directory.Delete(VendorFolder, recursive: true);
        return hashes;
    }

    [Fact]
    public async Task Show_MeterOfAModelFile_AfterTheModelsFolderIsDeleted_PrintsTheModelAndLayoutIdsAndSha256()
    {
        var (modelSha256, layoutSha256) = await MeterWithoutItsModelFilesAsync();

        var (exit, output, error) = await Prepaid.RunAsync("meter", "show", MeterFile);

        exit.ShouldBe(0, error);
        var lines = output.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        lines.ShouldContain($"model {VendorModelFiles.ModelId}");
        lines.ShouldContain($"modelSha256 {modelSha256}");
        lines.ShouldContain($"layout {VendorModelFiles.LayoutId} {layoutSha256}");
        lines.ShouldContain(l => l.StartsWith("layout legacy-bcd-v1 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShowJson_MeterOfAModelFile_AfterTheModelsFolderIsDeleted_CarriesTheSha256s()
    {
        var (modelSha256, layoutSha256) = await MeterWithoutItsModelFilesAsync();

        var (exit, json, error) = await Prepaid.RunAsync("meter", "show", MeterFile, "--json");

        exit.ShouldBe(0, error);
        var meter = JsonDocument.Parse(json).RootElement;
        meter.GetProperty("model").GetString().ShouldBe(VendorModelFiles.ModelId);
        meter.GetProperty("modelSha256").GetString().ShouldBe(modelSha256);
        var layout = meter.GetProperty("layouts")[0];
        layout.GetProperty("id").GetString().ShouldBe(VendorModelFiles.LayoutId);
        layout.GetProperty("sha256").GetString().ShouldBe(layoutSha256);
    }

    [Fact]
    public async Task InsertAndRun_MeterOfAModelFile_AfterTheModelsFolderIsDeleted_LoadTheCardAndRun()
    {
        await MeterWithoutItsModelFilesAsync();
        var set = await CardAsync("set", File.ReadAllText(RepoPaths.Fixtures("cards", "pm-ref-v1", "set.json")));
        var user = await CardAsync("user", """
            {"kind":"user","layout":"pm-ref-v1","creditUnit":"energy","supplyGroup":"100001","cardSerial":"20260001",
             "meterNumber":"000012345678","customerNumber":"1001","purchaseCount":1,"purchase":"50.00"}
            """);

        (await Prepaid.RunAsync("meter", "insert", "-m", MeterFile, set)).Out.ShouldStartWith("Configured");
        var (exit, output, error) = await Prepaid.RunAsync("meter", "insert", "-m", MeterFile, user);
        exit.ShouldBe(0, error);
        output.ShouldStartWith("Loaded");
        var run = await Prepaid.RunAsync("meter", "run", "-m", MeterFile, "--load", "1kW", "--for", "2h");
        run.Exit.ShouldBe(0, run.Err);

        var (_, json, _) = await Prepaid.RunAsync("meter", "show", MeterFile, "--json");
        var meter = JsonDocument.Parse(json).RootElement;
        meter.GetProperty("cumulativeLoaded").GetString().ShouldBe("50.00 kWh");
        meter.GetProperty("cumulativeEnergy").GetString().ShouldBe("2.00 kWh");
    }
}
