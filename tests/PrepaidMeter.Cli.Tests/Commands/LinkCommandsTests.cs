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
        var folder = await Prepaid.RunAsync("link", "read", "--port", _folder.Path, "00900200");

        read.Exit.ShouldBe(3);
        read.Err.ShouldContain("'/dev/ttyNoSuchPort': no such port", customMessage: "not System.IO.Ports' 'access denied'");
        folder.Exit.ShouldBe(3);
        folder.Err.ShouldContain("it is a folder, not a serial port");
    }

    [Theory]
    [InlineData("link", "read", "--baud", "12345", "is not a meter's rate; use 1200, 2400, 4800, 9600, 19200")]
    [InlineData("link", "cjt188", "read", "--baud", "300", "is not a meter's rate")]
    [InlineData("link", "read", "--baud", "abc", "--baud: 'abc' is not a meter's rate")]
    [InlineData("link", "read", "--baud", "9600.0", "--baud: '9600.0' is not a meter's rate")]
    [InlineData("meter", "serve", "--baud", "x", "--baud: 'x' is not a meter's rate")]
    [InlineData("link", "read", "--parity", "mark", "mark")]
    [InlineData("meter", "serve", "--baud", "115200", "is not a meter's rate")]
    public async Task SerialSettings_NotAMetersRateOrParity_IsAUsageError_BeforeThePortIsOpened(params string[] argsAndWhy)
    {
        string[] args = [.. argsAndWhy[..^1], argsAndWhy[0] == "meter" ? "--serial" : "--port", "/dev/ttyNoSuchPort", .. argsAndWhy[0] == "meter" ? (string[])["-m", MeterFile] : []];

        var run = await Prepaid.RunAsync(args);

        run.Exit.ShouldBe(1, run.Err);
        run.Err.ShouldContain(argsAndWhy[^1]);
        run.Err.ShouldNotContain("/dev/ttyNoSuchPort", customMessage: "refused on the command line, not by the port");
    }

    [Fact]
    public async Task Read_ParityNoneAndAnotherRate_ReachesTheMeterServedAlike()
    {
        (await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-energy", "--number", "000012345678", "--group", "100001",
            "--secret", Secret, "--out", MeterFile)).Exit.ShouldBe(0);
        using var meter = StartServe("--parity", "none", "--baud", "4800");

        var read = await Prepaid.RunAsync("link", "read", "--port", _pair.MasterEnd, "--address", "000012345678", "--baud", "4800", "--parity", "none", "00900100");

        read.Exit.ShouldBe(0, read.Err);
        read.Out.ShouldContain("10.00 kWh");
        (await StopAsync(meter)).ShouldBe(0);
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

    [Fact]
    public async Task Trace_BothEndsOfAReadWriteControlAndTime_RecordEveryFrameDecoded()
    {
        (await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-energy", "--number", "000012345678", "--group", "100001",
            "--secret", Secret, "--out", MeterFile)).Exit.ShouldBe(0);
        using var meter = StartServe("--trace", _folder.File("meter.jsonl"));
        string[] line = ["--port", _pair.MasterEnd, "--address", "000012345678", "--baud", "9600", "--trace", _folder.File("lab.jsonl")];

        (await Prepaid.RunAsync(["link", "read", .. line, "00900100"])).Exit.ShouldBe(0);
        var lab = await File.ReadAllLinesAsync(_folder.File("lab.jsonl"));
        var write = await Prepaid.RunAsync(["link", "write", .. line, "04001001", "25.00"]);
        var expired = await Prepaid.RunAsync(["link", "control", .. line, "--valid-until", "2020-12-31T00:00:00Z", "trip"]);
        var time = await Prepaid.RunAsync(["link", "time", .. line, "--time", "2026-12-06T08:00:00Z"]);
        (await StopAsync(meter)).ShouldBe(0);

        lab.Length.ShouldBe(2, "one read, one reply");
        lab[0].ShouldContain("\"dir\":\"tx\"");
        lab[0].ShouldContain("\"function\":\"read\",\"di\":\"00900100\",\"item\":\"remaining energy\"");
        lab[1].ShouldContain("\"dir\":\"rx\"");
        lab[1].ShouldContain("\"function\":\"read reply\",\"di\":\"00900100\",\"item\":\"remaining energy\",\"value\":\"10.00 kWh\"");
        write.Exit.ShouldBe(2, "the virtual meter takes its parameters from set cards only");
        write.Err.ShouldContain("unauthorised");
        expired.Exit.ShouldBe(2, "a control command past its valid-until time is not carried out");
        expired.Err.ShouldContain("Other");
        time.Exit.ShouldBe(0, time.Err);
        var shown = await Prepaid.RunAsync("link", "trace", "show", _folder.File("meter.jsonl"));
        shown.Exit.ShouldBe(0, shown.Err);
        shown.Out.ShouldContain("rx 000012345678 read 00900100 (remaining energy)");
        shown.Out.ShouldContain("tx 000012345678 read reply 00900100 (remaining energy) = 10.00 kWh");
        shown.Out.ShouldContain("tx 000012345678 write refused: unauthorised (password)");
        shown.Out.ShouldContain("rx 000012345678 control: trip, valid until 2020-12-31 00:00:00");
        shown.Out.ShouldContain("tx 000012345678 control refused: other error");
        shown.Out.ShouldContain("rx 999999999999 broadcast time: set the time to 2026-12-06 08:00:00");
        (await Prepaid.RunAsync("meter", "show", MeterFile)).Out.ShouldNotContain("Remote", customMessage: "the expired trip changed nothing");
    }

    [Fact]
    public async Task Trace_FileThatCannotBeWritten_ExitsThreeBeforeSendingAnything()
    {
        var read = await Prepaid.RunAsync("link", "read", "--port", _pair.MasterEnd, "--trace", "/nonexistent-folder/t.jsonl", "00900100");

        read.Exit.ShouldBe(3);
        read.Err.ShouldContain("--trace /nonexistent-folder/t.jsonl: cannot write it");
    }

    [Theory]
    [InlineData("04001001", "12.345", "does not fit alarm level 1")]
    [InlineData("04001001", "abc", "is not a value of alarm level 1")]
    [InlineData("04009999", "1.00", "give its bytes with --raw")]
    public async Task Write_ValueThatDoesNotFit_IsAUsageError(string id, string value, string why)
    {
        var write = await Prepaid.RunAsync("link", "write", "--port", _pair.MasterEnd, id, value);

        write.Exit.ShouldBe(1);
        write.Err.ShouldContain(why);
    }

    private Process StartServe(params string[] more) => MeterServeProcess.Start(MeterFile, _pair.MeterEnd, "answering DL/T 645", more);

    private static Task<int> StopAsync(Process process) => MeterServeProcess.StopAsync(process);
}
