using PrepaidMeter.Hardware.MeterLink;
using System.Diagnostics;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// Two processes on a socat pair, as on a bench: `prepaid meter serve` is the meter on one end, `prepaid link`
/// the master on the other.
/// </summary>
public sealed class LinkCommandsTests : IDisposable
{
    private const string Secret = "5052455041494430";
    private readonly TempFolder _folder = new();
    private readonly SocatPair _pair = new();

    private string MeterFile => _folder.File("m.nvram");

    public void Dispose()
    {
        _pair.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task ReadAndControl_AcrossTwoProcesses_ReachTheVirtualMeterAndItsNvram()
    {
        (await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-energy", "--number", "000012345678", "--group", "100001",
            "--secret", Secret, "--out", MeterFile)).Exit.ShouldBe(0);
        using var meter = StartServe();

        var read = await Prepaid.RunAsync("link", "read", "--port", _pair.MasterEnd, "--address", "000012345678", "--baud", "9600",
            "00900100", "03330201", "04001001", "--json");
        read.Exit.ShouldBe(0, read.Err);
        read.Out.ShouldContain("\"id\":\"00900100\"");
        read.Out.ShouldContain("\"value\":\"10.00 kWh\"", customMessage: "the pm-ref-energy preset");
        read.Out.ShouldContain("\"value\":\"20.00 credit unit\"", customMessage: "alarm 1 default");

        var trip = await Prepaid.RunAsync("link", "control", "--port", _pair.MasterEnd, "--address", "000012345678", "--baud", "9600", "trip");
        trip.Exit.ShouldBe(0, trip.Err);
        trip.Out.ShouldContain("trip: acknowledged");

        var status = await Prepaid.RunAsync("link", "read", "--port", _pair.MasterEnd, "--address", "000012345678", "--baud", "9600", "04000503");
        status.Exit.ShouldBe(0, status.Err);
        status.Out.ShouldContain("01D0 (RelayOpen, RelayCommandedOpen, PreTripAlarm, EnergyPrepaid)", customMessage: "bits 4, 6, 7 and 8: tripped, by command, at alarm 2 (the 10.00 preset), an energy meter");

        var refused = await Prepaid.RunAsync("link", "read", "--port", _pair.MasterEnd, "--address", "000012345678", "--baud", "9600", "00900200");
        refused.Exit.ShouldBe(2);
        refused.Err.ShouldContain("no such data", customMessage: "an energy meter has no remaining amount");

        (await StopAsync(meter)).ShouldBe(0);
        var show = await Prepaid.RunAsync("meter", "show", MeterFile);
        show.Out.ShouldContain("Remote", customMessage: "the trip was saved in the NVRAM");
    }

    [Fact]
    public async Task Read_NoMeterOnTheLine_ExitsThreeSayingNoReply()
    {
        var read = await Prepaid.RunAsync("link", "read", "--port", _pair.MasterEnd, "--timeout", "100", "--tries", "2", "00900200");

        read.Exit.ShouldBe(3);
        read.Err.ShouldContain("no reply");
    }

    [Fact]
    public async Task Read_PortThatIsNotThere_ExitsThreeNamingIt()
    {
        var read = await Prepaid.RunAsync("link", "read", "--port", "/dev/ttyNoSuchPort", "00900200");

        read.Exit.ShouldBe(3);
        read.Err.ShouldContain("/dev/ttyNoSuchPort");
    }

    [Theory]
    [InlineData("read", "0090020")]
    [InlineData("read", "XYZ00200")]
    public async Task Read_NotADataIdentifier_IsAUsageError(string verb, string id)
    {
        var read = await Prepaid.RunAsync("link", verb, "--port", _pair.MasterEnd, id);

        read.Exit.ShouldBe(1);
        read.Err.ShouldContain("not a data identifier");
    }

    private Process StartServe()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "prepaid.dll"), "meter", "serve", "-m", MeterFile, "--serial", _pair.MeterEnd, "--baud", "9600"])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        // It says when it is answering; bounded, so a broken start fails the test instead of hanging it.
        var ready = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        if (ready is null)
        {
            process.WaitForExit(5_000);
            throw new InvalidOperationException($"prepaid meter serve did not start: {process.StandardError.ReadToEnd()}");
        }

        ready.ShouldContain("answering DL/T 645");
        return process;
    }

    private static async Task<int> StopAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        // A guard against a hang, not a speed check: a meter that ignores SIGTERM fails here instead of stalling the run.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(guard.Token);
        return process.ExitCode;
    }
}
