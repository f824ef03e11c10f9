using System.Text.Json.Nodes;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>`--trace FILE` on `prepaid link cjt188 ...` and `prepaid link trace show` reading it back, across a socat pair.</summary>
public sealed class LinkCjt188TraceTests : IDisposable
{
    private const string Meter = "78330011223344";
    private readonly TempFolder _folder = new();
    private readonly SocatPair _pair = new();
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private readonly StandInWaterMeter _meter = new(Cjt188Address.From(78_330_011_223_344));
    private readonly SerialPortLine _meterLine;
    private readonly Task _server;

    public LinkCjt188TraceTests()
    {
        SerialPortLine.TryOpen(_pair.MeterEnd, new SerialSettings(BaudRate: 9600), out var meterLine).ShouldBeNull();
        _meterLine = meterLine!;
        _server = new Cjt188MeterServer(_meterLine, _meter, TimeProvider.System).RunAsync(_stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _server.Wait(TimeSpan.FromSeconds(5));
        _meterLine.Dispose();
        _stop.Dispose();
        _pair.Dispose();
        _folder.Dispose();
    }

    private string[] Line(string trace) => ["--port", _pair.MasterEnd, "--baud", "9600", "--trace", _folder.File(trace)];

    [Fact]
    public async Task Trace_ReadAtTheWildcard_RecordsTheFourFramesDecodedAndMarkedCjt188()
    {
        (await Prepaid.RunAsync(["link", "cjt188", "read", .. Line("read.jsonl")])).Exit.ShouldBe(0);

        var lines = (await File.ReadAllLinesAsync(_folder.File("read.jsonl"))).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();

        lines.Length.ShouldBe(4, "read address and its reply, read 901F and its reply");
        lines.ShouldAllBe(l => l["protocol"]!.GetValue<string>() == "cjt188");
        lines.Select(l => l["dir"]!.GetValue<string>()).ShouldBe(["tx", "rx", "tx", "rx"]);
        lines[0]["function"]!.GetValue<string>().ShouldBe("read address");
        lines[0]["type"]!.GetValue<string>().ShouldBe("AAH (any type)");
        lines[0]["frame"]!.GetValue<string>().ShouldBe("FEFEFEFE68AAAAAAAAAAAAAAAA0303810A014A16", "four wake-up bytes, then 68H AAH, the wildcard, 03H, L 3, 810A, SER 01");
        lines[1]["value"]!.GetValue<string>().ShouldBe($"10H (cold water) {Meter}");
        lines[2]["di"]!.GetValue<string>().ShouldBe("901F");
        lines[2]["ser"]!.GetValue<string>().ShouldBe("02", "the second exchange of the command");
        lines[3]["function"]!.GetValue<string>().ShouldBe("read reply");
        lines[3]["value"]!.GetValue<string>().ShouldBe("1234.56 m³, settlement date 1200.00 m³, time 2026-12-06 08:00:05, valve open, battery normal");
    }

    [Fact]
    public async Task TraceShow_StuckValveCommand_PrintsEachCjt188FrameDecodedWithItsBytes()
    {
        _meter.ValveStuck = true;
        (await Prepaid.RunAsync(["link", "cjt188", "valve", .. Line("valve.jsonl"), "--address", Meter, "close"])).Exit.ShouldBe(4);

        var shown = await Prepaid.RunAsync("link", "trace", "show", _folder.File("valve.jsonl"), "--frames");

        shown.Exit.ShouldBe(0, shown.Err);
        var lines = shown.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(4, "two frames, each with its bytes under it");
        lines[0].ShouldEndWith($" tx cjt188 AAH (any type) {Meter} write A017 (valve control) = close (99H)");
        lines[1].Trim().ShouldStartWith("FEFEFEFE68AA443322110033780404A01701");
        lines[2].ShouldEndWith($" rx cjt188 10H (cold water) {Meter} write reply A017 (valve control) = status valve abnormal, battery normal");
    }

    [Fact]
    public async Task TraceShow_Dlt645AndCjt188LinesInOneFile_EachDecodedByItsOwnProtocol()
    {
        (await Prepaid.RunAsync(["link", "cjt188", "address", .. Line("mixed.jsonl")])).Exit.ShouldBe(0);
        // A DL/T 645 line as written before CJ/T 188 was traced: no protocol member.
        File.AppendAllText(_folder.File("mixed.jsonl"),
            """{"time":"2026-12-06T08:00:00.000Z","port":"/dev/ttyS0","dir":"tx","frame":"68785634120000681104333333343916","address":"000012345678","control":"11","function":"read","di":"00900100","item":"remaining energy"}""" + "\n");

        var shown = await Prepaid.RunAsync("link", "trace", "show", _folder.File("mixed.jsonl"));

        shown.Exit.ShouldBe(0, shown.Err);
        var lines = shown.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldEndWith(" tx cjt188 AAH (any type) AAAAAAAAAAAAAA read address 810A (address)");
        lines[1].ShouldEndWith($" rx cjt188 10H (cold water) {Meter} read address reply 810A (address) = 10H (cold water) {Meter}");
        lines[2].ShouldBe("08:00:00.000 tx 000012345678 read 00900100 (remaining energy)");
    }

    [Fact]
    public async Task Trace_FileThatCannotBeWritten_ExitsThreeAndTheValveIsNotMoved()
    {
        var closed = await Prepaid.RunAsync("link", "cjt188", "valve", "--port", _pair.MasterEnd, "--address", Meter, "--trace", "/nonexistent-folder/t.jsonl", "close");

        closed.Exit.ShouldBe(3);
        closed.Err.ShouldContain("--trace /nonexistent-folder/t.jsonl: cannot write it");
        _meter.Commands.ShouldBeEmpty();
    }
}
