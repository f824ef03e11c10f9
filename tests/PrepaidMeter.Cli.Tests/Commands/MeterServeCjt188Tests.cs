using PrepaidMeter.Hardware.MeterLink;
using System.Diagnostics;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// A virtual water meter as a device on a bench: `prepaid meter serve` on one end of a socat pair answers CJ/T 188 (it
/// picks the protocol from the model's utility), `prepaid link cjt188` is the master on the other.
/// </summary>
public sealed class MeterServeCjt188Tests : IDisposable
{
    private const string Secret = "5052455041494430";
    private const string Address = "00000012345678";
    private readonly TempFolder _folder = new();
    private readonly SocatPair _pair = new();

    private string MeterFile => _folder.File("water.nvram");

    private string[] Line => ["--port", _pair.MasterEnd, "--baud", "9600"];

    public void Dispose()
    {
        _pair.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Serve_WaterModel_AnswersCjt188_ReadsItsVolumeAndMovesItsValve_AndSavesTheNvram()
    {
        (await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-water", "--number", "000012345678", "--group", "100001",
            "--secret", Secret, "--out", MeterFile)).Exit.ShouldBe(0);
        using var meter = StartServe();

        var read = await Prepaid.RunAsync(["link", "cjt188", "read", .. Line]);
        read.Exit.ShouldBe(0, read.Err);
        read.Out.ShouldContain($"meter       {Address} 10H (cold water)");
        read.Out.ShouldContain("volume      0.00 m³");
        read.Out.ShouldContain("valve       open");
        read.Out.ShouldContain("battery     normal");

        // The reply comes once the valve's motor has stopped: the meter's clock runs its travel time.
        var closed = await Prepaid.RunAsync(["link", "cjt188", "valve", .. Line, "--address", Address, "close"]);
        closed.Exit.ShouldBe(0, closed.Err);
        closed.Out.Trim().ShouldBe($"valve close: meter {Address} reports valve closed, battery normal");

        var after = await Prepaid.RunAsync(["link", "cjt188", "read", .. Line, "--address", Address, "--json"]);
        after.Out.ShouldContain("\"valve\":\"closed\"");

        var opened = await Prepaid.RunAsync(["link", "cjt188", "valve", .. Line, "--address", Address, "open"]);
        opened.Exit.ShouldBe(0, opened.Err);
        opened.Out.Trim().ShouldBe($"valve open: meter {Address} reports valve open, battery normal");

        (await StopAsync(meter)).ShouldBe(0);
        var show = await Prepaid.RunAsync("meter", "show", MeterFile);
        show.Exit.ShouldBe(0, show.Err);
        show.Out.ShouldContain("ValveOpened", customMessage: "the valve's moves were saved in the NVRAM");
    }

    [Fact]
    public async Task Serve_WaterModel_DoesNotAnswerDlt645()
    {
        (await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-water", "--number", "000012345678", "--group", "100001",
            "--secret", Secret, "--out", MeterFile)).Exit.ShouldBe(0);
        using var meter = StartServe();

        var dlt645 = await Prepaid.RunAsync("link", "read", "--port", _pair.MasterEnd, "--address", "000012345678", "--baud", "9600", "--timeout", "200", "--tries", "1", "00900100");

        dlt645.Exit.ShouldBe(3, customMessage: "a water meter does not answer DL/T 645");
        (await StopAsync(meter)).ShouldBe(0);
    }

    private Process StartServe() => MeterServeProcess.Start(MeterFile, _pair.MeterEnd, "water meter 00000012345678 (10H (cold water)) answering CJ/T 188");

    private static Task<int> StopAsync(Process process) => MeterServeProcess.StopAsync(process);
}
