using BenchmarkDotNet.Attributes;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Benchmarks.Hardware;

/// <summary>
/// Through the real PC/SC stack — libpcsclite, pcscd, the vpcd driver, the project's virtual card on
/// 127.0.0.1:35963 — one bare APDU round trip (select card type) against reading the whole 256-byte image
/// (two 128-byte reads) and writing 64 changed bytes then reading them back. Needs pcscd with
/// vsmartcard-vpcd running (`pcscd --foreground &`; tools/test.sh starts it for the tests).
/// </summary>
public class PcscBenchmarks
{
    private static readonly byte[] Psc = [0x12, 0x34, 0x56];
    private readonly byte[] _image = new byte[256];
    private readonly byte[] _changed = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];
    private VirtualCard _card = null!;
    private PcscCardReader _reader = null!;
    private PcscConnection _bare = null!;
    private PcscContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        _card = VirtualCard.InsertAsync(0, new MemoryCard(new byte[256], Psc), CancellationToken.None).GetAwaiter().GetResult();
        _reader = new PcscCardReader(VirtualCard.ReaderName(0));
        if (_reader.WaitForCardAsync(TimeSpan.FromSeconds(10), CancellationToken.None).AsTask().GetAwaiter().GetResult() != CardPresence.Present)
        {
            throw new InvalidOperationException("pcscd did not see the virtual card");
        }

        _reader.PresentPscAsync(Psc, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _context = PcscContext.Establish();
        _bare = _context.Connect(VirtualCard.ReaderName(0));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bare.Dispose();
        _context.Dispose();
        _reader.Dispose();
        _card.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public int BareApduRoundTrip() => _bare.Transmit(Sle4442Apdus.SelectCardType()).Length;

    [Benchmark]
    public CardIoResult ReadWholeImage() => _reader.ReadAsync(0, _image, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public CardIoResult WriteChangedBytesAndReadBack()
    {
        var written = _reader.WriteAsync(64, _changed, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return written.Success ? _reader.ReadAsync(64, _image.AsMemory(0, 64), CancellationToken.None).AsTask().GetAwaiter().GetResult() : written;
    }
}
