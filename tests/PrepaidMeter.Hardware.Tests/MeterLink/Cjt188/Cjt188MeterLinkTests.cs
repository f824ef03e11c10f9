using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.MeterLink.Cjt188;

/// <summary>The master and a water meter talking CJ/T 188 through System.IO.Ports across a socat pseudo-terminal pair.</summary>
public sealed class Cjt188MeterLinkTests : IDisposable
{
    private static readonly Cjt188Address Address = Cjt188Address.From(78_330_011_223_344);
    private static readonly Cjt188MeterType Water = Cjt188MeterType.ColdWater;
    private static readonly SerialSettings Settings = new(BaudRate: 9600);
    private readonly SocatPair _pair = new();
    private readonly StandInWaterMeter _meter = new(Address);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private readonly SerialPortLine _meterLine;
    private readonly SerialPortLine _masterLine;
    private readonly Task _server;

    public Cjt188MeterLinkTests()
    {
        SerialPortLine.TryOpen(_pair.MeterEnd, Settings, out var meterLine).ShouldBeNull();
        SerialPortLine.TryOpen(_pair.MasterEnd, Settings, out var masterLine).ShouldBeNull();
        _meterLine = meterLine!;
        _masterLine = masterLine!;
        _server = new Cjt188MeterServer(_meterLine, _meter, TimeProvider.System).RunAsync(_stop.Token);
    }

    private Cjt188MeterLink Link(LinkOptions? options = null) => new(_masterLine, options ?? new LinkOptions(), TimeProvider.System);

    [Fact]
    public async Task Read_901F_AnswersAccumulatedFlowAndStatus()
    {
        _meter.BatteryLow = true;

        var read = await Link().ReadMeteringDataAsync(Water, Address, _stop.Token);

        read.Success.ShouldBeTrue(read.Message);
        read.Value.Current.ShouldBe(Cjt188Volume.From(123_456, Cjt188Unit.CubicMetre));
        read.Value.Settlement.ShouldBe(Cjt188Volume.From(120_000, Cjt188Unit.CubicMetre));
        read.Value.Time.ShouldBe(StandInWaterMeter.Clock);
        read.Value.Status.Valve.ShouldBe(Cjt188ValveState.Open);
        read.Value.Status.BatteryLow.ShouldBeTrue();
    }

    [Fact]
    public async Task Read_AnItemTheMeterDoesNotHave_IsRefusedWithItsStatus()
    {
        var read = await Link().ReadAsync(Water, Address, new Cjt188DataIdentifier(0x81, 0x03), _stop.Token);

        read.Failure.ShouldBe(Cjt188LinkFailure.Refused);
        read.Status.ShouldBe(Cjt188Status.Of(Cjt188ValveState.Open, false));
        read.Message.ShouldContain("8103");
    }

    [Fact]
    public async Task ReadAddress_FindsTheMetersTypeAndAddress()
    {
        var found = await Link().ReadAddressAsync(_stop.Token);

        found.Success.ShouldBeTrue(found.Message);
        found.Value.ShouldBe(new Cjt188MeterId(Water, Address));
    }

    [Fact]
    public async Task CloseThenOpen_MovesTheValveAndReportsIt()
    {
        var link = Link();

        var closed = await link.SetValveAsync(Water, Address, Cjt188ValveCommand.Close, _stop.Token);
        var read = await link.ReadMeteringDataAsync(Water, Address, _stop.Token);
        var opened = await link.SetValveAsync(Water, Address, Cjt188ValveCommand.Open, _stop.Token);

        closed.Success.ShouldBeTrue(closed.Message);
        closed.Value.Valve.ShouldBe(Cjt188ValveState.Closed);
        read.Value.Status.Valve.ShouldBe(Cjt188ValveState.Closed);
        opened.Value.Valve.ShouldBe(Cjt188ValveState.Open);
        _meter.Commands.ShouldBe([Cjt188ValveCommand.Close, Cjt188ValveCommand.Open]);
    }

    [Fact]
    public async Task Close_AStuckValve_FailsAsValveNotMovedWithTheStatus()
    {
        _meter.ValveStuck = true;

        var closed = await Link().SetValveAsync(Water, Address, Cjt188ValveCommand.Close, _stop.Token);

        closed.Failure.ShouldBe(Cjt188LinkFailure.ValveNotMoved);
        closed.Status!.Value.Valve.ShouldBe(Cjt188ValveState.Abnormal);
        closed.Message.ShouldContain("valve abnormal");
    }

    [Fact]
    public async Task Read_AnotherMetersAddress_GivesNoReplyAfterEveryRetry()
    {
        var options = new LinkOptions(Attempts: 2, ReplyTimeout: TimeSpan.FromMilliseconds(150));

        var read = await Link(options).ReadMeteringDataAsync(Water, Cjt188Address.From(99), _stop.Token);

        read.Failure.ShouldBe(Cjt188LinkFailure.NoReply);
        read.Message.ShouldContain("after 2 tries");
    }

    [Fact]
    public async Task Read_AsAGasMeter_GivesNoReplyFromAWaterMeter()
    {
        var options = new LinkOptions(Attempts: 1, ReplyTimeout: TimeSpan.FromMilliseconds(150));

        var read = await Link(options).ReadMeteringDataAsync(Cjt188MeterType.Gas, Address, _stop.Token);

        read.Failure.ShouldBe(Cjt188LinkFailure.NoReply);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _server.Wait(TimeSpan.FromSeconds(5));
        _meterLine.Dispose();
        _masterLine.Dispose();
        _pair.Dispose();
        _stop.Dispose();
    }
}
