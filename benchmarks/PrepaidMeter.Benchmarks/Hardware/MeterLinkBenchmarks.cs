using BenchmarkDotNet.Attributes;
using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Benchmarks.Hardware;

/// <summary>
/// A DL/T 645 read of the remaining amount across a socat pseudo-terminal pair (System.IO.Ports on both
/// ends; the meter side is SerialMeterServer) against a bare echo of the same bytes across an identical
/// pair: the master writes the same 20-byte request and waits for the same 28 bytes back, which a plain
/// loop sends without decoding anything. A pseudo-terminal has no baud-rate timing, so the echo is the
/// ceiling. The target and the figures are in docs/performance.md.
/// </summary>
public class MeterLinkBenchmarks
{
    private static readonly Dlt645Address Meter = Dlt645Address.From(12345678);
    private readonly CancellationTokenSource _stop = new();
    private SocatPair _linkPair = null!;
    private SocatPair _echoPair = null!;
    private SerialPortLine _linkMaster = null!;
    private SerialPortLine _linkMeter = null!;
    private SerialPortLine _echoMaster = null!;
    private SerialPortLine _echoMeter = null!;
    private SerialMeterLink _link = null!;
    private byte[] _request = [];
    private byte[] _reply = [];
    private readonly byte[] _buffer = new byte[256];

    [GlobalSetup]
    public void Setup()
    {
        var settings = new SerialSettings(BaudRate: 9600);
        _linkPair = new SocatPair();
        _echoPair = new SocatPair();
        SerialPortLine.TryOpen(_linkPair.MasterEnd, settings, out var linkMaster);
        SerialPortLine.TryOpen(_linkPair.MeterEnd, settings, out var linkMeter);
        SerialPortLine.TryOpen(_echoPair.MasterEnd, settings, out var echoMaster);
        SerialPortLine.TryOpen(_echoPair.MeterEnd, settings, out var echoMeter);
        (_linkMaster, _linkMeter, _echoMaster, _echoMeter) = (linkMaster!, linkMeter!, echoMaster!, echoMeter!);
        _link = new SerialMeterLink(_linkMaster, new LinkOptions(), TimeProvider.System);
        _ = new SerialMeterServer(_linkMeter, new FixedMeter(), TimeProvider.System).RunAsync(_stop.Token);

        _request = Dlt645Codec.Encode(Dlt645Messages.Read(Meter, PrepaidItems.RemainingAmount.Id));
        _reply = Dlt645Codec.Encode(Dlt645Messages.ReadReply(Meter, PrepaidItems.RemainingAmount.Id, [0x67, 0x45, 0x23, 0x01]));
        _ = Task.Run(() => EchoAsync(_stop.Token));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        Thread.Sleep(300);
        foreach (var line in new[] { _linkMaster, _linkMeter, _echoMaster, _echoMeter })
        {
            line.Dispose();
        }

        _linkPair.Dispose();
        _echoPair.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> BareEchoOfTheSameBytes()
    {
        await _echoMaster.WriteAsync(_request, CancellationToken.None);
        return await ReadExactlyAsync(_echoMaster, _reply.Length, CancellationToken.None);
    }

    [Benchmark]
    public async Task<int> Dlt645ReadRemainingAmount()
    {
        var read = await _link.ReadAsync(Meter, PrepaidItems.RemainingAmount.Id, CancellationToken.None);
        return read.Value!.Length;
    }

    private async Task EchoAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            if (await ReadExactlyAsync(_echoMeter, _request.Length, token) == _request.Length)
            {
                await _echoMeter.WriteAsync(_reply, token);
            }
        }
    }

    private async Task<int> ReadExactlyAsync(SerialPortLine line, int count, CancellationToken token)
    {
        var total = 0;
        while (total < count && !token.IsCancellationRequested)
        {
            total += await line.ReadAsync(_buffer.AsMemory(0, count - total), TimeSpan.FromSeconds(1), token);
        }

        return total;
    }

    private sealed class FixedMeter : IDlt645Meter
    {
        public Dlt645Address Address => Meter;

        public Dlt645Value Read(DataIdentifier id) => Dlt645Value.Of([0x67, 0x45, 0x23, 0x01]);

        public Dlt645Errors Write(DataIdentifier id, ReadOnlySpan<byte> authority, ReadOnlySpan<byte> value) => Dlt645Errors.Unauthorised;

        public Dlt645Errors Control(Dlt645ControlCommand command, ReadOnlySpan<byte> authority, DateTimeOffset validUntil) => Dlt645Errors.Unauthorised;

        public void SetTime(DateTimeOffset time)
        {
        }
    }
}
