using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Hardware.Tests.MeterLink;

/// <summary>A bus of meters served on one end of a socat pair, the master on the other: addressing on the wire, and the back office's reader over it.</summary>
public sealed class Dlt645BusOnALineTests : IDisposable
{
    private static readonly Dlt645Address A = Dlt645Address.From(900_000_001);
    private static readonly Dlt645Address B = Dlt645Address.From(900_000_002);
    private static readonly SerialSettings Settings = new(BaudRate: 9600);
    private readonly SocatPair _pair = new();
    private readonly StandInMeter _a = new(A);
    private readonly StandInMeter _b = new(B);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private readonly SerialPortLine _meterLine;
    private readonly SerialPortLine _masterLine;
    private readonly Task _server;

    public Dlt645BusOnALineTests()
    {
        SerialPortLine.TryOpen(_pair.MeterEnd, Settings, out var meterLine).ShouldBeNull();
        SerialPortLine.TryOpen(_pair.MasterEnd, Settings, out var masterLine).ShouldBeNull();
        _meterLine = meterLine!;
        _masterLine = masterLine!;
        _server = new SerialMeterServer(_meterLine, Dlt645Bus.TryCreate([_a, _b], out _)!, TimeProvider.System).RunAsync(_stop.Token);
    }

    [Fact]
    public async Task AFrameForAnotherAddress_IsIgnored_AndItsBytesDoNotConfuseTheNextFrame()
    {
        // One write: a read for an address no meter has, then a read for B, back to back on the wire.
        byte[] both = [.. Dlt645Codec.Encode(Dlt645Messages.Read(Dlt645Address.From(900_000_003), PrepaidItems.PurchaseCount.Id)),
            .. Dlt645Codec.Encode(Dlt645Messages.Read(B, PrepaidItems.PurchaseCount.Id))];
        await _masterLine.WriteAsync(both, _stop.Token);
        var reader = new FrameReader(_masterLine);
        var first = await reader.NextAsync(TimeSpan.FromSeconds(5), TimeProvider.System, _stop.Token);

        // Then A: had anything answered the stranger, its reply would come before A's.
        await _masterLine.WriteAsync(Dlt645Codec.Encode(Dlt645Messages.Read(A, PrepaidItems.PurchaseCount.Id)), _stop.Token);
        var second = await reader.NextAsync(TimeSpan.FromSeconds(5), TimeProvider.System, _stop.Token);

        (first!.Address, first.Control.IsReply).ShouldBe((B, true));
        (second!.Address, second.Control.IsReply).ShouldBe((A, true));
        (_a.Reads.Count, _b.Reads.Count).ShouldBe((1, 1));
    }

    [Fact]
    public async Task MeterReader_AMoneyMeterAtZero_ReadsItsOverdraft_ItsClockAndItsStatus()
    {
        var clock = new DateTimeOffset(2026, 12, 7, 8, 30, 15, TimeSpan.Zero);
        var (date, time) = Dlt645Clock.Values(clock);
        _b.With(PrepaidItems.TotalEnergy, 123_456).With(PrepaidItems.RemainingAmount, 0).With(PrepaidItems.OverdraftAmount, 250)
            .With(PrepaidItems.RunStatus3, (long)(RunStatus3.RelayOpen | RunStatus3.PreTripAlarm | RunStatus3.MoneyPrepaid))
            .With(PrepaidItems.Date, date).With(PrepaidItems.Time, time);
        var reader = new Dlt645MeterReader(new SerialMeterLink(_masterLine, new LinkOptions(1, TimeSpan.FromSeconds(2)), TimeProvider.System), _pair.MasterEnd);

        var reading = await reader.ReadAsync(MeterNumber.From(900_000_002), CreditUnit.Money, _stop.Token);

        reading.Outcome.ShouldBe(LinkReadingOutcome.Read, reading.Message);
        reading.Block.ShouldBe(new ReturnWriteBlock(MeterNumber.From(900_000_002), PurchaseCount.From(42), new CreditAmount(CreditUnit.Money, -250),
            Energy.FromHundredths(123_456), ReturnWriteStatus.RelayOpen | ReturnWriteStatus.Alarm2 | ReturnWriteStatus.OverdraftInUse, clock));
    }

    [Fact]
    public async Task MeterReader_NoMeterAtTheAddress_IsSilent_AndARefusedRead_IsRefused()
    {
        var reader = new Dlt645MeterReader(new SerialMeterLink(_masterLine, new LinkOptions(1, TimeSpan.FromMilliseconds(100)), TimeProvider.System), _pair.MasterEnd);

        var silent = await reader.ReadAsync(MeterNumber.From(900_000_003), CreditUnit.Energy, _stop.Token);
        var refused = await reader.ReadAsync(MeterNumber.From(900_000_001), CreditUnit.Energy, _stop.Token);

        silent.Outcome.ShouldBe(LinkReadingOutcome.Silent);
        silent.Message.ShouldContain("no reply from meter 000900000003");
        refused.Outcome.ShouldBe(LinkReadingOutcome.Refused, "the stand-in has no total energy register");
        refused.Message.ShouldContain("no such data");
    }

    [Fact]
    public void Clock_BothWays_IsTheSameMoment()
    {
        var at = new DateTimeOffset(2027, 2, 28, 23, 59, 59, TimeSpan.Zero);
        var (date, time) = Dlt645Clock.Values(at);

        (date, time).ShouldBe((27022800L, 235959L), "YYMMDDWW with WW 0 for Sunday (28 February 2027 is one), hhmmss");
        Dlt645Clock.TryRead(date, time).ShouldBe(at);
        Dlt645Clock.TryRead(27023001, 0).ShouldBeNull("30 February is no date");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _server.GetAwaiter().GetResult();
        _meterLine.Dispose();
        _masterLine.Dispose();
        _pair.Dispose();
        _stop.Dispose();
    }
}
