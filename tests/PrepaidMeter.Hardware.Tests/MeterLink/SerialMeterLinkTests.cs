using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Hardware.Tests.MeterLink;

/// <summary>The master and a meter talking DL/T 645 through System.IO.Ports across a socat pseudo-terminal pair.</summary>
public sealed class SerialMeterLinkTests : IDisposable
{
    private static readonly Dlt645Address Address = Dlt645Address.From(12345678);
    private static readonly SerialSettings Settings = new(BaudRate: 9600);
    private readonly SocatPair _pair = new();
    private readonly StandInMeter _meter = new(Address);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private readonly SerialPortLine _meterLine;
    private readonly SerialPortLine _masterLine;
    private readonly Task _server;

    public SerialMeterLinkTests()
    {
        SerialPortLine.TryOpen(_pair.MeterEnd, Settings, out var meterLine).ShouldBeNull();
        SerialPortLine.TryOpen(_pair.MasterEnd, Settings, out var masterLine).ShouldBeNull();
        _meterLine = meterLine!;
        _masterLine = masterLine!;
        _server = new SerialMeterServer(_meterLine, _meter, TimeProvider.System).RunAsync(_stop.Token);
    }

    private SerialMeterLink Link(LinkOptions? options = null) => new(_masterLine, options ?? new LinkOptions(), TimeProvider.System);

    [Fact]
    public async Task Read_RemainingAmount_ReturnsTheMetersValue()
    {
        var read = await Link().ReadAsync(Address, PrepaidItems.RemainingAmount.Id, _stop.Token);

        read.Success.ShouldBeTrue(read.Message);
        PrepaidItems.RemainingAmount.Decode(read.Value).ShouldBe(1_234_567);
    }

    [Fact]
    public async Task Read_IdentifierTheMeterDoesNotHave_IsRefusedAsNoSuchData()
    {
        var read = await Link().ReadAsync(Address, PrepaidItems.OverdraftEnergy.Id, _stop.Token);

        read.Failure.ShouldBe(LinkFailure.Refused);
        read.Errors.ShouldBe(Dlt645Errors.NoSuchData);
        read.Message.ShouldContain("no such data");
    }

    [Fact]
    public async Task Control_Trip_ReachesTheMeter()
    {
        var sent = await Link().ControlAsync(Address, Dlt645ControlCommand.Trip, StandInMeter.Password, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), _stop.Token);

        sent.Success.ShouldBeTrue(sent.Message);
        _meter.Commands.ShouldBe([Dlt645ControlCommand.Trip]);
    }

    [Fact]
    public async Task Write_WithAWrongPassword_IsRefusedAndChangesNothing()
    {
        var value = new byte[4];
        PrepaidItems.Alarm1.TryEncode(5_000, value);

        var written = await Link().WriteAsync(Address, PrepaidItems.Alarm1.Id, [0, 0, 0, 0, 0, 0, 0, 0], value, _stop.Token);

        written.Failure.ShouldBe(LinkFailure.Refused);
        written.Errors.ShouldBe(Dlt645Errors.Unauthorised);
        _meter.ValueOf(PrepaidItems.Alarm1).ShouldBe(2_000);
    }

    [Fact]
    public async Task Write_Alarm1_ChangesTheMetersParameter()
    {
        var value = new byte[4];
        PrepaidItems.Alarm1.TryEncode(5_000, value);

        var written = await Link().WriteAsync(Address, PrepaidItems.Alarm1.Id, StandInMeter.Password, value, _stop.Token);

        written.Success.ShouldBeTrue(written.Message);
        _meter.ValueOf(PrepaidItems.Alarm1).ShouldBe(5_000);
    }

    [Fact]
    public async Task ReadAddress_FindsTheMeterOnTheLine()
    {
        var found = await Link().ReadAddressAsync(_stop.Token);

        found.Success.ShouldBeTrue(found.Message);
        found.Value.ShouldBe(Address);
    }

    [Fact]
    public async Task Read_AnotherMetersAddress_GivesNoReplyAfterEveryRetry()
    {
        var options = new LinkOptions(Attempts: 2, ReplyTimeout: TimeSpan.FromMilliseconds(150));

        var read = await Link(options).ReadAsync(Dlt645Address.From(99), PrepaidItems.RemainingAmount.Id, _stop.Token);

        read.Failure.ShouldBe(LinkFailure.NoReply);
        read.Message.ShouldContain("after 2 tries");
    }

    [Fact]
    public void TryOpen_APortThatIsNotThere_SaysWhichAndWhy()
    {
        var problem = SerialPortLine.TryOpen("/dev/ttyNoSuchPort", Settings, out var line);

        line.ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain("/dev/ttyNoSuchPort");
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
