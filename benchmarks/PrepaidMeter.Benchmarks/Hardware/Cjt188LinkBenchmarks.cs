using BenchmarkDotNet.Attributes;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Cjt188;

namespace PrepaidMeter.Benchmarks.Hardware;

/// <summary>
/// A CJ/T 188 read of a water meter's metering data (901F) across a socat pseudo-terminal pair against a DL/T 645
/// read of the remaining amount across an identical pair: System.IO.Ports on both ends of both, the meter side a
/// meter server with a fixed answer. The target is the CJ/T 188 read within 1.1× of the DL/T 645 one; the CJ/T 188
/// exchange carries more bytes (20 bytes out and 39 back, wake-up bytes included, against 20 and 24), so the two frames' sizes are part of the figure.
/// </summary>
public class Cjt188LinkBenchmarks
{
    private static readonly Dlt645Address Dlt645Meter = Dlt645Address.From(12345678);
    private static readonly Cjt188Address Cjt188Meter = Cjt188Address.From(78_330_011_223_344);
    private readonly CancellationTokenSource _stop = new();
    private SocatPair _dlt645Pair = null!;
    private SocatPair _cjt188Pair = null!;
    private SerialPortLine[] _lines = [];
    private SerialMeterLink _dlt645 = null!;
    private Cjt188MeterLink _cjt188 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var settings = new SerialSettings(BaudRate: 9600);
        _dlt645Pair = new SocatPair();
        _cjt188Pair = new SocatPair();
        SerialPortLine.TryOpen(_dlt645Pair.MasterEnd, settings, out var dlt645Master);
        SerialPortLine.TryOpen(_dlt645Pair.MeterEnd, settings, out var dlt645MeterEnd);
        SerialPortLine.TryOpen(_cjt188Pair.MasterEnd, settings, out var cjt188Master);
        SerialPortLine.TryOpen(_cjt188Pair.MeterEnd, settings, out var cjt188MeterEnd);
        _lines = [dlt645Master!, dlt645MeterEnd!, cjt188Master!, cjt188MeterEnd!];
        _dlt645 = new SerialMeterLink(dlt645Master!, new LinkOptions(), TimeProvider.System);
        _cjt188 = new Cjt188MeterLink(cjt188Master!, new LinkOptions(), TimeProvider.System);
        _ = new SerialMeterServer(dlt645MeterEnd!, new FixedDlt645Meter(), TimeProvider.System).RunAsync(_stop.Token);
        _ = new Cjt188MeterServer(cjt188MeterEnd!, new FixedWaterMeter(), TimeProvider.System).RunAsync(_stop.Token);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        Thread.Sleep(300);
        foreach (var line in _lines)
        {
            line.Dispose();
        }

        _dlt645Pair.Dispose();
        _cjt188Pair.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> Dlt645ReadRemainingAmount()
    {
        var read = await _dlt645.ReadAsync(Dlt645Meter, PrepaidItems.RemainingAmount.Id, CancellationToken.None);
        return read.Value!.Length;
    }

    [Benchmark]
    public async Task<long> Cjt188ReadMeteringData()
    {
        var read = await _cjt188.ReadMeteringDataAsync(Cjt188MeterType.ColdWater, Cjt188Meter, CancellationToken.None);
        return read.Success ? read.Value.Current.Hundredths : -1;
    }

    private sealed class FixedDlt645Meter : IDlt645Meter
    {
        public Dlt645Address Address => Dlt645Meter;

        public Dlt645Value Read(DataIdentifier id) => Dlt645Value.Of([0x67, 0x45, 0x23, 0x01]);

        public Dlt645Errors Write(DataIdentifier id, ReadOnlySpan<byte> authority, ReadOnlySpan<byte> value) => Dlt645Errors.Unauthorised;

        public Dlt645Errors Control(Dlt645ControlCommand command, ReadOnlySpan<byte> authority, DateTimeOffset validUntil) => Dlt645Errors.Unauthorised;

        public void SetTime(DateTimeOffset time)
        {
        }
    }

    private sealed class FixedWaterMeter : ICjt188Meter
    {
        private static readonly byte[] Reading = new Cjt188MeteringData(
            Cjt188Volume.From(123_456, Cjt188Unit.CubicMetre), Cjt188Volume.From(120_000, Cjt188Unit.CubicMetre),
            new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero), default).ToBytes();

        public Cjt188Address Address => Cjt188Meter;

        public Cjt188MeterType MeterType => Cjt188MeterType.ColdWater;

        public Cjt188Status Status => default;

        public Cjt188Value Read(Cjt188DataIdentifier id) => Cjt188Value.Of(Reading);

        public Cjt188Status WriteValve(Cjt188ValveCommand command) => default;
    }
}
