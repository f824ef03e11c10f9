using System.Text.Json;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>`prepaid meter token|keypad` with files alone: tokens made by `prepaid token`, entered at the virtual meter (docs/cli.md).</summary>
public sealed class MeterTokenCommandsTests : IDisposable
{
    private const string Secret = "5052455041494430";
    private const string Drn = "01234567897";
    private const string VendingKey = "0123456789ABCDEF";
    private readonly TempFolder _folder = new();

    private string MeterFile => _folder.File("m.nvram");

    public void Dispose() => _folder.Dispose();

    private async Task NewTokenMeterAsync()
    {
        var (exit, output, error) = await Prepaid.RunAsync("meter", "new", "--model", RepoPaths.Fixtures("models", "pm-sts-energy.json"),
            "--number", "000012345678", "--group", "100001", "--secret", Secret, "--drn", Drn, "--vending-key", VendingKey, "--out", MeterFile);
        exit.ShouldBe(0, error);
        output.ShouldContain("STS DRN 01234567897");
    }

    private static async Task<string> CreditAsync(int tid)
    {
        var (exit, output, error) = await Prepaid.RunAsync("token", "credit", "--amount", "25", "--meter", Drn, "--sgc", "123456", "--base-date", "2014",
            "--vending-key", VendingKey, "--tid", tid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        exit.ShouldBe(0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("digits").GetString()!;
    }

    [Fact]
    public async Task Token_EnteredTwice_AcceptedThenRefusedAsUsedWithExitTwo()
    {
        await NewTokenMeterAsync();
        var token = await CreditAsync(5000);

        var (exit, output, _) = await Prepaid.RunAsync("meter", "token", MeterFile, token);
        exit.ShouldBe(ExitCodes.Success);
        output.ShouldStartWith("Accept: 25.00 kWh loaded");

        var (again, json, _) = await Prepaid.RunAsync("meter", "token", MeterFile, token, "--json");
        again.ShouldBe(ExitCodes.Refused);
        var entry = JsonDocument.Parse(json).RootElement.GetProperty("entries")[0];
        entry.GetProperty("response").GetString().ShouldBe("Used");
        JsonDocument.Parse(json).RootElement.GetProperty("remaining").GetString().ShouldBe("25.00 kWh");
    }

    [Fact]
    public async Task Keypad_KeysWithBackspace_EntersTheToken()
    {
        await NewTokenMeterAsync();
        var token = await CreditAsync(5001);

        var (exit, output, error) = await Prepaid.RunAsync("meter", "keypad", MeterFile, token[..4] + " 7B " + token[4..] + " #");

        exit.ShouldBe(ExitCodes.Success, error);
        output.ShouldStartWith("Accept");
    }

    [Fact]
    public async Task Keypad_NotAKey_UsageErrorAndNothingSaved()
    {
        await NewTokenMeterAsync();
        var before = File.ReadAllBytes(MeterFile);

        var (exit, _, error) = await Prepaid.RunAsync("meter", "keypad", MeterFile, "12x#");

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("'x' is not a keypad key");
        File.ReadAllBytes(MeterFile).ShouldBe(before);
    }

    [Fact]
    public async Task Show_TokenMeter_ShowsTheStsSideAndNeverTheKey()
    {
        await NewTokenMeterAsync();
        (await Prepaid.RunAsync("meter", "token", MeterFile, await CreditAsync(5002))).Exit.ShouldBe(0);
        var (_, key, _) = await Prepaid.RunAsync("token", "key", "--meter", Drn, "--sgc", "123456", "--base-date", "2014", "--vending-key", VendingKey, "--json");

        var (exit, output, _) = await Prepaid.RunAsync("meter", "show", MeterFile);

        exit.ShouldBe(0);
        output.ShouldContain("tidsKept              1 of 50");
        output.ShouldContain("stsKeyRevision        1");
        var decoderKey = JsonDocument.Parse(key).RootElement.GetProperty("decoderKey").GetString()!;
        output.ShouldNotContain(decoderKey, Case.Insensitive);
    }

    [Fact]
    public async Task Token_OnACardMeter_RefusedWithExitTwo()
    {
        (await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-energy", "--number", "000012345678", "--group", "100001",
            "--secret", Secret, "--out", MeterFile)).Exit.ShouldBe(0);

        var (exit, _, error) = await Prepaid.RunAsync("meter", "token", MeterFile, "1234 5678 9012 3456 7890");

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("takes no tokens");
    }

    [Fact]
    public async Task New_TokenModelWithoutItsKey_UsageError()
    {
        var (exit, _, error) = await Prepaid.RunAsync("meter", "new", "--model", RepoPaths.Fixtures("models", "pm-sts-energy.json"),
            "--number", "000012345678", "--group", "100001", "--secret", Secret, "--drn", Drn, "--out", MeterFile);

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("--decoder-key or --vending-key");
        File.Exists(MeterFile).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_ReaderOnAKeypadOnlyMeter_RefusedWithExitTwo()
    {
        await NewTokenMeterAsync();

        var (exit, _, error) = await Prepaid.RunAsync("meter", "run", "--meter", MeterFile, "--reader", "pcsc:No Such Reader");

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("takes no cards (keypad tokens only)");
    }

    [Fact]
    public async Task VendGroupAdd_KeypadOnlyModel_RefusedWithExitTwo()
    {
        // The counter's operator, as the other counter tests give it (vend reads them from the environment).
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
        var counter = await CounterOnFiles.NewSiteAsync(_folder);
        var (exit, _, error) = await counter.Vend("group", "add", "--code", "123456", "--name", "x", "--secret", Secret, "--model", "pm-sts-energy");

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("takes no cards");
    }
}
