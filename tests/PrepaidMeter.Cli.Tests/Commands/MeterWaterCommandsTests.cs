using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>`prepaid meter run --flow` and `meter show` on a water meter (docs/water-gas.md, M1–M7).</summary>
public sealed class MeterWaterCommandsTests : IDisposable
{
    private const string Secret = "5052455041494430";
    private readonly TempFolder _folder = new();

    private string MeterFile => _folder.File("water.nvram");

    public void Dispose() => _folder.Dispose();

    private async Task NewAsync(string model = "pm-ref-water") =>
        (await Prepaid.RunAsync("meter", "new", "--model", model, "--number", "000012345678", "--group", "100001", "--secret", Secret, "--out", MeterFile))
            .Exit.ShouldBe(0);

    [Fact]
    public async Task Run_UnderAFlowPastAlarm2_ClosesTheValve_AndShowPrintsTheVolumeAndTheParts()
    {
        await NewAsync();

        var run = await Prepaid.RunAsync("meter", "run", "-m", MeterFile, "--flow", "1m3/h", "--for", "6h");
        var show = await Prepaid.RunAsync("meter", "show", MeterFile);

        run.Exit.ShouldBe(0, run.Err);
        run.Out.ShouldContain("ValveMoving  closing: Alarm2");
        run.Out.ShouldContain("ValveClosed");
        run.Out.ShouldContain("valve Closed (Alarm2)");
        show.Exit.ShouldBe(0, show.Err);
        show.Out.ShouldContain("utility ");
        show.Out.ShouldMatch(@"cumulativeVolume\s+\d+\.\d\d m³");
        show.Out.ShouldNotContain("cumulativeEnergy");
        show.Out.ShouldMatch(@"valve\s+Closed");
        show.Out.ShouldMatch(@"battery\s+3599 mV \(Normal\)");
    }

    [Fact]
    public async Task Run_HouseholdWaterForADay_DrawsTheCurve()
    {
        await NewAsync();

        var run = await Prepaid.RunAsync("meter", "run", "-m", MeterFile, "--flow", "household-water", "--for", "1d");

        run.Exit.ShouldBe(0, run.Err);
        run.Out.ShouldContain("0.41 m³ in all", customMessage: "the household curve draws 415 L a day: 41 steps of 10 L, 5 L carried");
    }

    [Theory]
    [InlineData("--flow", "120", "is not a flow")]
    [InlineData("--flow", "0.0005m3/h", "whole litres")]
    [InlineData("--load", "800W", "runs under --flow")]
    public async Task Run_WaterMeterGivenWhatItCannotUse_IsAUsageError(string option, string value, string why)
    {
        await NewAsync();

        var run = await Prepaid.RunAsync("meter", "run", "-m", MeterFile, option, value, "--for", "1h");

        run.Exit.ShouldBe(1);
        run.Err.ShouldContain(why);
    }

    [Fact]
    public async Task Run_WaterMeterForTheLabWithAFlowToo_UsageError_TheLabDrawsTheFlow()
    {
        await NewAsync();

        var run = await Prepaid.RunAsync("meter", "run", "-m", MeterFile, "--reader", "pcsc:Nothing", "--flow", "120L/h", "--lab");

        run.Exit.ShouldBe(1);
        run.Err.ShouldContain("--lab draws the flow over the lab channel; give --lab or --flow, not both");
    }

    [Fact]
    public async Task Run_WaterMeterAsADeviceWithoutAFlow_SaysItRunsUnderOne()
    {
        await NewAsync();

        var run = await Prepaid.RunAsync("meter", "run", "-m", MeterFile, "--reader", "pcsc:Nothing");

        run.Exit.ShouldBe(1);
        run.Err.ShouldContain("it runs under --flow");
    }

    [Fact]
    public async Task Run_WaterMeterGivenNothingToDraw_SaysWhichOptionsThereAre()
    {
        await NewAsync();

        var run = await Prepaid.RunAsync("meter", "run", "-m", MeterFile, "--for", "1h");

        run.Exit.ShouldBe(1);
        run.Err.ShouldContain("or --flow (a water or gas meter)");
    }

    [Fact]
    public async Task Run_ElectricityMeterUnderAFlow_IsAUsageError()
    {
        await NewAsync("pm-ref-energy");

        var run = await Prepaid.RunAsync("meter", "run", "-m", MeterFile, "--flow", "120L/h", "--for", "1h");

        run.Exit.ShouldBe(1);
        run.Err.ShouldContain("is an electricity meter: it runs under --load or --profile");
    }
}
