using System.Text.Json;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>card → meter → card with files alone, as a QA engineer runs it.</summary>
public sealed class MeterCommandsTests : IDisposable
{
    private const string Secret = "5052455041494430";
    private readonly TempFolder _folder = new();

    private string MeterFile => _folder.File("m.nvram");

    public void Dispose() => _folder.Dispose();

    private async Task<string> CardAsync(string name, string json)
    {
        File.WriteAllText(_folder.File(name + ".json"), json);
        var (exit, image, error) = await Prepaid.RunAsync("card", "encode", "-l", "pm-ref-v1", "--secret", Secret, _folder.File(name + ".json"));
        exit.ShouldBe(0, error);
        File.WriteAllText(_folder.File(name + ".hex"), image);
        return _folder.File(name + ".hex");
    }

    private async Task NewConfiguredMeterAsync()
    {
        (await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-energy", "--number", "000012345678", "--group", "100001",
            "--secret", Secret, "--out", MeterFile)).Exit.ShouldBe(0);
        var set = await CardAsync("set", File.ReadAllText(RepoPaths.Fixtures("cards", "pm-ref-v1", "set.json")));
        var (exit, output, _) = await Prepaid.RunAsync("meter", "insert", "-m", MeterFile, set);
        exit.ShouldBe(0);
        output.ShouldStartWith("Configured");
    }

    private Task<string> UserCardAsync(int count, string kwh) => CardAsync($"user{count}", $$"""
        {"kind":"user","layout":"pm-ref-v1","creditUnit":"energy","supplyGroup":"100001","cardSerial":"20260001",
         "meterNumber":"000012345678","customerNumber":"1001","purchaseCount":{{count}},"purchase":"{{kwh}}"}
        """);

    [Fact]
    public async Task Insert_LoadsThePurchase_AndWritesTheReturnWriteIntoTheCardFile()
    {
        await NewConfiguredMeterAsync();
        var card = await UserCardAsync(1, "50.00");
        var (exit, output, _) = await Prepaid.RunAsync("meter", "insert", "-m", MeterFile, card);
        exit.ShouldBe(0);
        output.ShouldStartWith("Loaded");

        var (_, decoded, _) = await Prepaid.RunAsync("card", "decode", "-l", "pm-ref-v1", "--secret", Secret, "--json", card);
        var returnWrite = JsonDocument.Parse(decoded).RootElement.GetProperty("returnWrite");
        returnWrite.GetProperty("remaining").GetString().ShouldBe("60.00");
        returnWrite.GetProperty("loadedCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Insert_NvramCannotBeSaved_LeavesTheCardUnchanged_ExitsThree_AndTheNextInsertionLoadsOnce()
    {
        await NewConfiguredMeterAsync();
        var card = await UserCardAsync(1, "50.00");
        var sold = File.ReadAllBytes(card);

        // A directory where the NVRAM's temporary file goes: unwritable even for root, as a read-only or full disk is.
        var inTheWay = Directory.CreateDirectory(MeterFile + ".tmp");
        var (exit, output, error) = await Prepaid.RunAsync("meter", "insert", "-m", MeterFile, card);

        exit.ShouldBe(ExitCodes.Environment, error);
        output.ShouldBeEmpty();
        error.TrimEnd().ShouldNotContain('\n');
        error.ShouldStartWith($"prepaid: the meter's NVRAM could not be saved to {MeterFile} (");
        error.ShouldContain("the card was not changed, the purchase is not loaded");
        File.ReadAllBytes(card).ShouldBe(sold);

        inTheWay.Delete();
        (await Prepaid.RunAsync("meter", "insert", "-m", MeterFile, card)).Out.ShouldStartWith("Loaded");
        (await Prepaid.RunAsync("meter", "insert", "-m", MeterFile, card)).Out.ShouldStartWith("AlreadyLoaded");
        await ShouldHaveLoadedAsync("50.00 kWh", purchases: 1);
    }

    [Fact]
    public async Task Insert_CardCannotBeWrittenAfterTheNvramWasSaved_ExitsThree_AndTheNextInsertionIsAlreadyLoaded()
    {
        await NewConfiguredMeterAsync();
        var card = await UserCardAsync(1, "50.00");
        var sold = File.ReadAllBytes(card);

        var inTheWay = Directory.CreateDirectory(card + ".tmp");
        var (exit, output, error) = await Prepaid.RunAsync("meter", "insert", "-m", MeterFile, card);

        exit.ShouldBe(ExitCodes.Environment, error);
        output.ShouldBeEmpty();
        error.TrimEnd().ShouldNotContain('\n');
        error.ShouldStartWith($"prepaid: the card could not be written to {card} (");
        error.ShouldContain("not swiped");
        File.ReadAllBytes(card).ShouldBe(sold);
        await ShouldHaveLoadedAsync("50.00 kWh", purchases: 1);

        inTheWay.Delete();
        var again = await Prepaid.RunAsync("meter", "insert", "-m", MeterFile, card);
        again.Exit.ShouldBe(0, again.Err);
        again.Out.ShouldStartWith("AlreadyLoaded");
        await ShouldHaveLoadedAsync("50.00 kWh", purchases: 1);
        var (_, decoded, _) = await Prepaid.RunAsync("card", "decode", "-l", "pm-ref-v1", "--secret", Secret, "--json", card);
        var returnWrite = JsonDocument.Parse(decoded).RootElement.GetProperty("returnWrite");
        returnWrite.GetProperty("loadedCount").GetInt32().ShouldBe(1);
        returnWrite.GetProperty("remaining").GetString().ShouldBe("60.00");
    }

    private async Task ShouldHaveLoadedAsync(string cumulative, int purchases)
    {
        var (_, json, _) = await Prepaid.RunAsync("meter", "show", MeterFile, "--json");
        var meter = JsonDocument.Parse(json).RootElement;
        meter.GetProperty("cumulativeLoaded").GetString().ShouldBe(cumulative);
        meter.GetProperty("purchaseCount").GetString().ShouldBe(purchases.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Insert_RefusedCard_ExitsTwoWithTheResultCode_AndTheMeterRemembersTheEvent()
    {
        await NewConfiguredMeterAsync();
        var card = await UserCardAsync(5, "50.00");
        var (exit, _, error) = await Prepaid.RunAsync("meter", "insert", "-m", MeterFile, card);
        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("CountOutOfSequence");
        var (_, json, _) = await Prepaid.RunAsync("meter", "show", MeterFile, "--json");
        JsonDocument.Parse(json).RootElement.GetProperty("illegalCards").GetString().ShouldBe("1");
    }

    [Fact]
    public async Task Run_PrintsTheAlarmsAndTheTrip_AndMovesTheClock()
    {
        await NewConfiguredMeterAsync();
        await Prepaid.RunAsync("meter", "insert", "-m", MeterFile, await UserCardAsync(1, "30.00"));
        var (exit, output, _) = await Prepaid.RunAsync("meter", "run", "-m", MeterFile, "--load", "2.5kW", "--for", "36h");
        exit.ShouldBe(0);
        output.ShouldContain("Alarm1");
        output.ShouldContain("Alarm2");
        output.ShouldContain("RelayOpened");
        output.ShouldContain("remaining 10.00 kWh, relay Open (Alarm2)");
    }

    [Fact]
    public async Task Run_WithoutALoad_IsAUsageError()
    {
        await NewConfiguredMeterAsync();
        (await Prepaid.RunAsync("meter", "run", "-m", MeterFile, "--for", "36h")).Exit.ShouldBe(ExitCodes.Usage);
        (await Prepaid.RunAsync("meter", "run", "-m", MeterFile, "--load", "2kW", "--for", "soon")).Exit.ShouldBe(ExitCodes.Usage);
    }

    [Fact]
    public async Task Show_DamagedOrMissingFile_ExitsTwoSayingWhy()
    {
        (await Prepaid.RunAsync("meter", "show", _folder.File("none.nvram"))).Err.ShouldContain("no meter file");
        File.WriteAllBytes(_folder.File("bad.nvram"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        var (exit, _, error) = await Prepaid.RunAsync("meter", "show", _folder.File("bad.nvram"));
        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("PMNV");
    }

    [Fact]
    public async Task Remote_TripAndClose_MoveTheRelay()
    {
        await NewConfiguredMeterAsync();
        (await Prepaid.RunAsync("meter", "remote", "-m", MeterFile, "trip")).Out.ShouldContain("relay Open (Remote)");
        (await Prepaid.RunAsync("meter", "remote", "-m", MeterFile, "close")).Out.ShouldContain("relay Closed");
        (await Prepaid.RunAsync("meter", "remote", "-m", MeterFile, "explode")).Exit.ShouldBe(ExitCodes.Usage);
    }

    [Fact]
    public async Task New_UnknownModel_ExitsTwoListingTheShippedOnes()
    {
        var (exit, _, error) = await Prepaid.RunAsync("meter", "new", "--model", "acme-9000", "--number", "1", "--group", "1", "--secret", Secret, "--out", MeterFile);
        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("legacy-money, pm-dual-energy, pm-ref-energy");
    }
}
