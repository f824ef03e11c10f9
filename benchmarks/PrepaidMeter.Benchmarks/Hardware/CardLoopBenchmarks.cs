using BenchmarkDotNet.Attributes;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Hardware.Traces;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Benchmarks.Hardware;

/// <summary>
/// One counter → meter → counter loop through the real PC/SC stack (libpcsclite, pcscd, vpcd, the virtual
/// SLE4442 in slot 0): a sale on SQLite through <see cref="PcscCardReader"/>, then the meter's card handling
/// as `prepaid meter run` does it (read the card, insert it into the virtual meter, write the return-write back
/// and read it back); the next loop's sale reads the card again. The card stays in one reader: carrying it is
/// a hand's work, not an exchange.
/// Baseline: the bare APDU round trips the loop needs, sent on one connection to a copy of the card in slot 1
/// (so they never disturb the loop's card) — for the sale and for the meter, read the image, present the PSC,
/// one write per changed run, one read-back. <see cref="LoopOnInMemoryReader"/>
/// is the same loop with the card in memory: what the loop costs besides card exchanges (mostly the sale's two
/// durable SQLite commits). <see cref="LoopCardExchanges"/> is the loop's card work alone: every reader call
/// the loop made (recorded on the first loop) made again through <see cref="PcscCardReader"/> on the copy in
/// slot 1, as the baseline's APDUs are — what the loop's own reader code costs over the bare exchanges, without
/// the sale's commits and the meter around it, whose noise on this box is larger than the difference.
/// The target and the figures are in docs/performance.md.
/// Needs pcscd with vsmartcard-vpcd (`pcscd --foreground &`).
/// </summary>
public class CardLoopBenchmarks
{
    private static readonly PurchaseRequest Hundredth = PurchaseRequest.ForEnergy(Energy.FromHundredths(1));
    private static readonly SupplyGroupCode Group = SupplyGroupCode.From(100001);
    private readonly CardLayout _layout = CardLayouts.ReferenceV1;
    private readonly List<byte[]> _bareApdus = [];
    private IReadOnlyList<Func<ICardReader, ValueTask<bool>>> _loopCalls = [];
    private PcscCardReader _replay = null!;
    private TempFolder _folder = null!;
    private BackOffice _office = null!;
    private OperatorSession _session = null!;
    private VirtualCard _card = null!;
    private VirtualCard _copy = null!;
    private PcscCardReader _pcsc = null!;
    private PcscCardReader _traced = null!;
    private JsonLinesCardTrace _trace = null!;
    private JsonLinesCardTrace _linesOnly = null!;
    private JsonLinesCardTrace _traceInMemory = null!;
    private PcscCardReader _tracedInMemory = null!;
    private string _memoryTracePath = "";
    private List<ApduExchange> _loopExchanges = [];
    private PcscContext _context = null!;
    private PcscConnection _bare = null!;
    private (ICardReader Reader, VirtualMeter Meter) _onPcsc;
    private (ICardReader Reader, VirtualMeter Meter) _inMemory;

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder();
        var database = new SqliteVendingDatabase(_folder.File("loop.db"));
        _office = new BackOffice(database, new BackOfficeOptions { PasswordIterations = 1_000, AuditKey = AuditKey.Generate() });
        _office.Initialise(new SiteInfo("1", "bench", "", "", 4, "memory"), "admin", "admin-pass-1").Value.ToString();
        _session = _office.Operators.Login("admin", "admin-pass-1").Value;
        _office.Groups.Add(_session, new SupplyGroupDefinition(Group, "g", Convert.ToHexString(Some.GroupSecret), "pm-ref-energy", _layout.Id, CreditUnit.Energy, new(CreditUnit.Energy, 0), new(CreditUnit.Energy, 0), new(CreditUnit.Energy, 2000), new(CreditUnit.Energy, 1000), new(CreditUnit.Energy, 0), 0));
        var price = _office.Prices.AddType(_session, Group, "residential", false, """{"kind":"flat","price":"0.5"}""").Value.Id;

        var onPcsc = OpenSwipedAccount(MeterNumber.From(12345678), price);
        _inMemory = OpenSwipedAccount(MeterNumber.From(12345679), price);

        _card = VirtualCard.InsertAsync(0, ((InMemoryCardReader)onPcsc.Reader).Card!, CancellationToken.None).GetAwaiter().GetResult();
        _pcsc = new PcscCardReader(VirtualCard.ReaderName(0));
        if (_pcsc.WaitForCardAsync(TimeSpan.FromSeconds(10), CancellationToken.None).AsTask().GetAwaiter().GetResult() != CardPresence.Present)
        {
            throw new InvalidOperationException("pcscd did not see the virtual card: is pcscd with vsmartcard-vpcd running?");
        }

        _onPcsc = (_pcsc, onPcsc.Meter);
        _trace = JsonLinesCardTrace.Create(_folder.File("loop.jsonl"), TimeProvider.System);
        _traced = new PcscCardReader(VirtualCard.ReaderName(0)) { Trace = _trace };
        // tmpfs where Linux has it: a file no disk journal commits with the database's fsyncs.
        _memoryTracePath = Directory.Exists("/dev/shm") ? Path.Combine("/dev/shm", $"prepaid-bench-{Guid.NewGuid():N}.jsonl") : _folder.File("memory.jsonl");
        _traceInMemory = JsonLinesCardTrace.Create(_memoryTracePath, TimeProvider.System);
        _tracedInMemory = new PcscCardReader(VirtualCard.ReaderName(0)) { Trace = _traceInMemory };
        RecordTheNeededApdus();
        _loopExchanges = RecordOneTracedLoop();
        _linesOnly = JsonLinesCardTrace.Create(_folder.File("lines.jsonl"), TimeProvider.System);
        _copy = VirtualCard.InsertAsync(1, new MemoryCard(_card.Medium.Memory, Some.Keys.Psc.Span), CancellationToken.None).GetAwaiter().GetResult();
        using (var watch = new PcscCardReader(VirtualCard.ReaderName(1)))
        {
            if (watch.WaitForCardAsync(TimeSpan.FromSeconds(10), CancellationToken.None).AsTask().GetAwaiter().GetResult() != CardPresence.Present)
            {
                throw new InvalidOperationException("pcscd did not see the copy of the card in slot 1");
            }
        }

        _context = PcscContext.Establish();
        _bare = _context.Connect(VirtualCard.ReaderName(1));
        _replay = new PcscCardReader(VirtualCard.ReaderName(1));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _replay.Dispose();
        _bare.Dispose();
        _context.Dispose();
        _pcsc.Dispose();
        _traced.Dispose();
        _trace.Dispose();
        _linesOnly.Dispose();
        _tracedInMemory.Dispose();
        _traceInMemory.Dispose();
        File.Delete(_memoryTracePath);
        _card.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _copy.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int BareApdus()
    {
        var received = 0;
        foreach (var apdu in _bareApdus)
        {
            received += _bare.Transmit(apdu).Length;
        }

        return received;
    }

    [Benchmark]
    public MeterResult Loop() => RunLoop(_onPcsc);

    /// <summary>The same loop with every APDU written to a trace file (`--trace`, docs/card-media.md "Traces"); issue 24's target: within 1.1× of <see cref="Loop"/>.</summary>
    [Benchmark]
    public MeterResult LoopTraced() => RunLoop((_traced, _onPcsc.Meter));

    /// <summary>
    /// <see cref="LoopTraced"/> with the trace file on tmpfs (/dev/shm): on ext4 (data=ordered) the database's fsyncs
    /// commit the journal, and with it the trace file's appended lines, so on disk the trace also lengthens the
    /// sale's durable commits. The difference between the two is that effect, not the trace's own work.
    /// </summary>
    [Benchmark]
    public MeterResult LoopTracedToTmpfs() => RunLoop((_tracedInMemory, _onPcsc.Meter));

    /// <summary>
    /// What the trace adds to a loop, alone: the exchanges one traced loop recorded, written again as lines to a trace
    /// file (formatted, flushed line by line). Beside <see cref="Loop"/> in the same run it gives the traced loop's
    /// ratio without the loop's own spread, which on this box is larger than the trace's cost.
    /// </summary>
    [Benchmark]
    public int TraceLinesOfOneLoop()
    {
        foreach (var exchange in _loopExchanges)
        {
            _linesOnly.Record(exchange);
        }

        return _linesOnly.Failure is null ? _loopExchanges.Count : throw new InvalidOperationException("the trace file failed", _linesOnly.Failure);
    }

    [Benchmark]
    public MeterResult LoopOnInMemoryReader() => RunLoop(_inMemory);

    [Benchmark]
    public int LoopCardExchanges()
    {
        var calls = 0;
        foreach (var call in _loopCalls)
        {
            calls += call(_replay).AsTask().GetAwaiter().GetResult() ? 1 : throw new InvalidOperationException($"reader call {calls} of the loop failed");
        }

        return calls;
    }

    private MeterResult RunLoop((ICardReader Reader, VirtualMeter Meter) at)
    {
        var sale = _office.Sales.SellAsync(_session, at.Reader, Hundredth).GetAwaiter().GetResult();
        if (sale.Refusal is { } refused)
        {
            throw new InvalidOperationException($"the sale was refused: {refused.Message}");
        }

        return Swipe(at.Reader, at.Meter);
    }

    // What `prepaid meter run` does with a card put into its reader.
    private static MeterResult Swipe(ICardReader reader, VirtualMeter meter)
    {
        var (read, image) = CardImageIo.ReadAsync(reader, CardMedium.Sle4442.Capacity, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        if (!read.Success)
        {
            throw new InvalidOperationException($"the meter could not read the card: {read}");
        }

        var before = image.ToArray();
        var outcome = meter.InsertCard(image);
        var written = CardImageIo.WriteChangedAsync(reader, before, image, meter.CardPsc, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return written.Success && outcome.Result == MeterResult.Loaded ? outcome.Result : throw new InvalidOperationException($"the meter's swipe failed: {outcome.Result}, {written}");
    }

    private (ICardReader Reader, VirtualMeter Meter) OpenSwipedAccount(MeterNumber number, long price)
    {
        var customer = _office.Customers.Register(_session, new CustomerDetails($"bench {number}", "", "", "", "", "", "")).Value.Number;
        _office.Meters.StockIn(_session, number, Group, "");
        var meter = VirtualMeter.Create(MeterModels.ReferenceEnergy, number, Group, Some.Keys, TimeProvider.System);
        var set = new CardRecord { Kind = CardKind.Set, Layout = _layout.Id, SupplyGroup = Group, Parameters = MeterModels.ReferenceEnergy.Defaults };
        _layout.Encode(set, Some.Keys, out var setImage).ThrowIfRefused();
        meter.InsertCard(setImage);
        var reader = new InMemoryCardReader();
        reader.Insert(new MemoryCard(_layout.NewImage(), Some.Keys.Psc.Span));
        _office.Accounts.OpenAsync(_session, reader, customer, number, price, PurchaseRequest.ForEnergy(Energy.FromKilowattHours(1))).GetAwaiter().GetResult().Value.ToString();
        Swipe(reader, meter);
        return (reader, meter);
    }

    // One loop through the real stack, watching the card: the images before and after the sale and the meter
    // give the changed runs, and from them the APDUs the loop cannot do without.
    private void RecordTheNeededApdus()
    {
        var recorder = new RecordingCardReader(_pcsc);
        var beforeSale = _card.Medium.Memory.ToArray();
        var sale = _office.Sales.SellAsync(_session, recorder, Hundredth).GetAwaiter().GetResult();
        var afterSale = _card.Medium.Memory.ToArray();
        Swipe(recorder, _onPcsc.Meter);
        _loopCalls = recorder.Calls;
        var afterMeter = _card.Medium.Memory.ToArray();
        if (sale.Refusal is not null)
        {
            throw new InvalidOperationException($"the first sale was refused: {sale.Refusal.Message}");
        }

        AddNeeded(beforeSale, afterSale, _layout.Size);
        AddNeeded(afterSale, afterMeter, CardMedium.Sle4442.Capacity);
    }

    private List<ApduExchange> RecordOneTracedLoop()
    {
        var collected = new CollectingTrace(TimeProvider.System);
        using var reader = new PcscCardReader(VirtualCard.ReaderName(0)) { Trace = collected };
        RunLoop((reader, _onPcsc.Meter));
        return collected.Exchanges.Count > 0 ? [.. collected.Exchanges] : throw new InvalidOperationException("the traced loop recorded nothing");
    }

    private void AddNeeded(byte[] before, byte[] after, int imageSize)
    {
        for (var offset = 0; offset < imageSize; offset += Sle4442Apdus.MaxLength)
        {
            _bareApdus.Add(Sle4442Apdus.Read(offset, Math.Min(Sle4442Apdus.MaxLength, imageSize - offset)));
        }

        _bareApdus.Add(Sle4442Apdus.PresentPsc(Some.Keys.Psc.Span));
        var runs = CardImageIo.ChangedRuns(before, after);
        foreach (var (offset, length) in runs)
        {
            _bareApdus.Add(Sle4442Apdus.Write(offset, after.AsSpan(offset, length)));
        }

        var first = runs[0].Offset;
        var last = runs[^1].Offset + runs[^1].Length;
        _bareApdus.Add(Sle4442Apdus.Read(first, last - first));
    }

    /// <summary>Passes every call on, and keeps a way to make the same call again on another reader.</summary>
    private sealed class RecordingCardReader(ICardReader inner) : ICardReader
    {
        public List<Func<ICardReader, ValueTask<bool>>> Calls { get; } = [];

        public string Name => inner.Name;

        public ValueTask<CardPresence> WaitForCardAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            Calls.Add(async r => await r.WaitForCardAsync(timeout, CancellationToken.None) == CardPresence.Present);
            return inner.WaitForCardAsync(timeout, cancellationToken);
        }

        public ValueTask<CardIoResult> ReadAsync(int offset, Memory<byte> destination, CancellationToken cancellationToken)
        {
            var length = destination.Length;
            Calls.Add(async r => (await r.ReadAsync(offset, new byte[length], CancellationToken.None)).Success);
            return inner.ReadAsync(offset, destination, cancellationToken);
        }

        public ValueTask<CardIoResult> WriteAsync(int offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            var bytes = data.ToArray();
            Calls.Add(async r => (await r.WriteAsync(offset, bytes, CancellationToken.None)).Success);
            return inner.WriteAsync(offset, data, cancellationToken);
        }

        public ValueTask<PscResult> PresentPscAsync(ReadOnlyMemory<byte> psc, CancellationToken cancellationToken)
        {
            var code = psc.ToArray();
            Calls.Add(async r => (await r.PresentPscAsync(code, CancellationToken.None)).Status == PscStatus.Accepted);
            return inner.PresentPscAsync(psc, cancellationToken);
        }
    }
}
