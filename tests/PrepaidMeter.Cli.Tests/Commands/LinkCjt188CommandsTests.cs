using System.Text.Json.Nodes;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// `prepaid link cjt188` as a master across a real socat pair, with a water meter served on the other end by the
/// Hardware's <see cref="Cjt188MeterServer"/> (the virtual water meter and its `meter serve` do not exist yet).
/// </summary>
public sealed class LinkCjt188CommandsTests : IDisposable
{
    private const string Meter = "78330011223344";
    private static readonly SerialSettings Settings = new(BaudRate: 9600);
    private readonly TempFolder _folder = new();
    private readonly SocatPair _pair = new();
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private readonly StandInWaterMeter _meter = new(Cjt188Address.From(78_330_011_223_344));
    private SerialPortLine? _meterLine;
    private Task? _server;

    public void Dispose()
    {
        _stop.Cancel();
        _server?.Wait(TimeSpan.FromSeconds(5));
        _meterLine?.Dispose();
        _stop.Dispose();
        _pair.Dispose();
        _folder.Dispose();
    }

    private string[] Line => ["--port", _pair.MasterEnd, "--baud", "9600"];

    /// <summary>Serves <paramref name="meter"/> (the stand-in unless told) on the pair's meter end.</summary>
    private void Serve(ICjt188Meter? meter = null)
    {
        SerialPortLine.TryOpen(_pair.MeterEnd, Settings, out _meterLine).ShouldBeNull();
        _server = new Cjt188MeterServer(_meterLine!, meter ?? _meter, TimeProvider.System).RunAsync(_stop.Token);
    }

    [Fact]
    public async Task Read_WildcardAddress_AsksTheAddressThenPrintsEveryField()
    {
        _meter.BatteryLow = true;
        Serve();

        var read = await Prepaid.RunAsync(["link", "cjt188", "read", .. Line]);

        read.Exit.ShouldBe(0, read.Err);
        read.Out.ShouldContain($"meter       {Meter} 10H (cold water)");
        read.Out.ShouldContain("volume      1234.56 m³");
        read.Out.ShouldContain("settlement  1200.00 m³");
        read.Out.ShouldContain("time        2026-12-06T08:00:05Z");
        read.Out.ShouldContain("valve       open");
        read.Out.ShouldContain("battery     low");
        read.Out.ShouldContain("status      ST0 04 ST1 00", customMessage: "D2 of ST0 is the battery");
    }

    [Fact]
    public async Task Read_AddressAndTypeGiven_JsonCarriesTheVolumesTimeAndStatus()
    {
        _meter.Current = Cjt188Volume.From(5_566_770, Cjt188Unit.CubicMetre);
        Serve();

        var read = await Prepaid.RunAsync(["link", "cjt188", "read", .. Line, "--address", Meter, "--type", "cold-water", "--json"]);

        read.Exit.ShouldBe(0, read.Err);
        var json = JsonNode.Parse(read.Out)!.AsObject();
        json["address"]!.GetValue<string>().ShouldBe(Meter);
        json["type"]!.GetValue<string>().ShouldBe("10");
        json["volume"]!.GetValue<string>().ShouldBe("55667.70");
        json["unit"]!.GetValue<string>().ShouldBe("m³");
        json["settlementVolume"]!.GetValue<string>().ShouldBe("1200.00");
        json["time"]!.GetValue<string>().ShouldBe("2026-12-06T08:00:05Z");
        json["valve"]!.GetValue<string>().ShouldBe("open");
        json["batteryLow"]!.GetValue<bool>().ShouldBeFalse();
        json["status"]!.GetValue<string>().ShouldBe("0000");
    }

    [Fact]
    public async Task Read_TypeTheMeterIsNot_ExitsThreeSayingNoReply()
    {
        Serve();

        var read = await Prepaid.RunAsync(["link", "cjt188", "read", .. Line, "--address", Meter, "--type", "gas", "--timeout", "100", "--tries", "1"]);

        read.Exit.ShouldBe(3);
        read.Err.ShouldStartWith("prepaid: no reply from meter 78330011223344 (30H (gas))");
        read.Err.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public async Task Read_MeterWithoutMeteringData_IsRefusedExitTwoWithItsStatus()
    {
        Serve(new MeterWithoutItems(_meter));

        var read = await Prepaid.RunAsync(["link", "cjt188", "read", .. Line, "--address", Meter]);

        read.Exit.ShouldBe(2);
        read.Err.ShouldContain("refused ReadData of 901F (abnormal reply C1H), status: valve open, battery normal");
    }

    [Theory]
    [InlineData("--address", "123456789012345", "--address: '123456789012345' is not 1 to 14 digits")]
    [InlineData("--address", "12AB", "--address: '12AB' is not 1 to 14 digits")]
    [InlineData("--type", "steam", "--type: 'steam' is not a meter type")]
    [InlineData("--type", "1G", "--type: '1G' is not a meter type")]
    public async Task Read_BadAddressOrType_IsAUsageErrorOnOneLine(string option, string value, string message)
    {
        var read = await Prepaid.RunAsync(["link", "cjt188", "read", .. Line, option, value]);

        read.Exit.ShouldBe(1);
        read.Err.ShouldStartWith($"prepaid: {message}");
        read.Err.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public async Task Address_OneMeterOnTheLine_PrintsItsAddressAndType()
    {
        Serve();

        var found = await Prepaid.RunAsync(["link", "cjt188", "address", .. Line]);

        found.Exit.ShouldBe(0, found.Err);
        found.Out.Trim().ShouldBe($"{Meter} 10H (cold water)");
    }

    [Fact]
    public async Task Address_NoMeterOnTheLine_ExitsThree()
    {
        var found = await Prepaid.RunAsync(["link", "cjt188", "address", .. Line, "--timeout", "100", "--tries", "2"]);

        found.Exit.ShouldBe(3);
        found.Err.ShouldContain("after 2 tries of 100 ms");
    }

    [Fact]
    public async Task Valve_CloseThenOpen_MovesTheMetersValveAndSaysWhereItIs()
    {
        Serve();

        var closed = await Prepaid.RunAsync(["link", "cjt188", "valve", .. Line, "--address", Meter, "--type", "10", "close"]);
        var opened = await Prepaid.RunAsync(["link", "cjt188", "valve", .. Line, "--address", Meter, "open"]);

        closed.Exit.ShouldBe(0, closed.Err);
        closed.Out.Trim().ShouldBe($"valve close: meter {Meter} reports valve closed, battery normal");
        opened.Exit.ShouldBe(0, opened.Err);
        opened.Out.Trim().ShouldBe($"valve open: meter {Meter} reports valve open, battery normal");
        _meter.Commands.ShouldBe([Cjt188ValveCommand.Close, Cjt188ValveCommand.Open]);
    }

    [Fact]
    public async Task Valve_StuckValve_ExitsFourOnOneLineSayingWhereTheValveIs()
    {
        _meter.ValveStuck = true;
        Serve();

        var closed = await Prepaid.RunAsync(["link", "cjt188", "valve", .. Line, "--address", Meter, "close"]);

        closed.Exit.ShouldBe(4);
        closed.Out.ShouldBeEmpty();
        closed.Err.Trim().ShouldBe($"prepaid: meter {Meter} took the close command but reports valve abnormal, battery normal");
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAA")]
    [InlineData("123456789012345")]
    public async Task Valve_WildcardOrBadAddress_IsAUsageErrorAndSendsNothing(string address)
    {
        Serve();

        var closed = await Prepaid.RunAsync(["link", "cjt188", "valve", .. Line, "--address", address, "close"]);

        closed.Exit.ShouldBe(1);
        closed.Err.ShouldContain("a valve command goes to one meter's own address");
        _meter.Commands.ShouldBeEmpty();
    }

    [Fact]
    public async Task Valve_WithoutAddress_IsAUsageError()
    {
        var closed = await Prepaid.RunAsync(["link", "cjt188", "valve", .. Line, "close"]);

        closed.Exit.ShouldBe(1);
        closed.Err.ShouldContain("--address");
    }

    /// <summary>The stand-in's address, type and status, with no items: every read is answered C1H.</summary>
    private sealed class MeterWithoutItems(ICjt188Meter inner) : ICjt188Meter
    {
        public Cjt188Address Address => inner.Address;

        public Cjt188MeterType MeterType => inner.MeterType;

        public Cjt188Status Status => inner.Status;

        public Cjt188Value Read(Cjt188DataIdentifier id) => Cjt188Value.NoSuchItem;

        public Cjt188Status WriteValve(Cjt188ValveCommand command) => inner.WriteValve(command);
    }
}
