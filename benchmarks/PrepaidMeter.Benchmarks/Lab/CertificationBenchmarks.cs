using BenchmarkDotNet.Attributes;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Benchmarks.Lab;

/// <summary>
/// The certification suite's wall time (issues 6 and 23) for each <see cref="Model"/>: on `virtual` (target: under
/// 5 s) and on `stack`, against the hardware round trips the stack run cannot do without —
/// <see cref="BareInsertionCycle"/> is one card's trip through the real PC/SC stack as the meter device makes it, with
/// no meter behind it: a virtual card of the model's medium into vpcd's slot 1, pcscd seeing it, the bytes the
/// model's layouts place on the card read whole, <see cref="ChangedBytes"/> changed bytes from the first
/// return-write field written and read back, the card out and pcscd seeing it gone. The setup counts the cards the
/// suite inserts, so the stack figure can be set against cards × cycle. Needs pcscd with vpcd and socat running,
/// and `prepaid` built (tools/bench.sh builds it).
/// </summary>
public class CertificationBenchmarks
{
    /// <summary>Bytes the bare cycle changes, from the layout's first return-write field on.</summary>
    public const int ChangedBytes = 24;

    private static readonly StackTargetOptions Stack = new(["dotnet", Path.Combine(RepoPaths.Root, "src/PrepaidMeter.Cli/bin/Release/net10.0/prepaid.dll")]);
    private static readonly SupplyGroupKeys Keys = SupplyGroupKeys.Derive([1, 2, 3, 4, 5, 6, 7, 8]);
    private readonly byte[] _changed = [.. Enumerable.Range(0, ChangedBytes).Select(i => (byte)(i + 1))];
    private MeterModel _model = null!;
    private VpcdSlots? _slots;
    private readonly TargetTally _stackTally = new();
    private int _stackRuns;
    private int _failedCertifications;

    /// <summary>
    /// The models certified: the fullest shipped one (an SLE4442 card), a made-up vendor's 128-byte little-endian
    /// layout on an AT24C02 card, and its CPU-card layout with a file map. A model is one line here. A stack run takes
    /// some 15 minutes a model, so PREPAID_BENCH_MODELS (names, comma-separated) picks some of them.
    /// </summary>
    public static IEnumerable<CertifiedModel> Models =>
        new[]
        {
            CertifiedModel.Shipped("pm-ref-full", returnWriteAt: 128),
            CertifiedModel.OnVendorLayout("acme-at24c02", "acme-le128.json", returnWriteAt: 65),
            CertifiedModel.OnVendorLayout("acme-cpu", "acme-cpu.json", returnWriteAt: 96),
        }.Where(m => Environment.GetEnvironmentVariable("PREPAID_BENCH_MODELS") is not { Length: > 0 } picked
            || picked.Split(',', StringSplitOptions.TrimEntries).Contains(m.Name));

    [ParamsSource(nameof(Models))]
    public CertifiedModel Model { get; set; } = null!;

    /// <summary>Cards the suite inserts into meters (set cards, user cards, tool cards, replays...).</summary>
    public static int CardsPerSuite { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = Model.Load();
        var counting = new TargetTally();
        var result = Certifier.RunAsync(_model, () => new TimedTarget(new VirtualTarget(), counting), TimeProvider.System).GetAwaiter().GetResult();
        CardsPerSuite = counting.Cards;
        Console.WriteLine($"// the {Model} certification ({_model.Layouts[0].Medium.Name} cards of {_model.CardBytes} bytes read) inserts {CardsPerSuite} cards in {result.Clauses.Count} clauses; passed: {result.Passed}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _slots?.Dispose();
        if (_failedCertifications > 0)
        {
            Console.WriteLine($"// {_failedCertifications} certification runs of {Model} failed: their times are not a passing suite's");
        }

        // Where a stack run's time goes: the board, the target's calls, and what remains of the whole run is the runner's own work.
        foreach (var line in _stackRuns == 0 ? [] : _stackTally.Lines(_stackRuns))
        {
            Console.WriteLine($"// stack, {Model}, mean of {_stackRuns} runs: {line}");
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<int> BareInsertionCycle()
    {
        _slots ??= VpcdSlots.Take();
        var layout = _model.Layouts[0];
        var medium = layout.Medium;
        var card = new MemoryCard(medium, new byte[medium.Capacity], medium.PscOf(Keys.Psc.Span));
        var psc = card.Psc.ToArray();
        var at = layout.MediumOffset + Model.ReturnWriteAt;
        using var reader = new PcscCardReader(VirtualCard.ReaderName(1)) { ExpectedMedium = medium };
        await using (await VirtualCard.InsertAsync(1, card, CancellationToken.None))
        {
            await reader.WaitForCardAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            var (_, image) = await CardImageIo.ReadAsync(reader, _model.CardBytes, CancellationToken.None);
            var changed = image.ToArray();
            _changed.CopyTo(changed, at);
            await CardImageIo.WriteChangedAsync(reader, image, changed, psc, CancellationToken.None);
        }

        await reader.WaitForRemovalAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        return card.Memory[at];
    }

    [Benchmark]
    public async Task<bool> CertifyOnVirtual() => Counted((await Certifier.RunAsync(_model, () => new VirtualTarget(), TimeProvider.System)).Passed);

    [Benchmark]
    public async Task<bool> CertifyOnStack()
    {
        // The stack target takes vpcd's slots itself.
        _slots?.Dispose();
        _slots = null;
        _stackRuns++;
        return await _stackTally.TimeAsync("the whole run", async () =>
        {
            // Taking the slots waits while another program on the machine holds them.
            var board = await _stackTally.TimeAsync("StackBoard.Create", () => Task.FromResult(StackBoard.Create(Stack)));
            try
            {
                return Counted((await Certifier.RunAsync(_model, () => new TimedTarget(new StackTarget(board), _stackTally), TimeProvider.System)).Passed);
            }
            finally
            {
                await _stackTally.TimeAsync("StackBoard.DisposeAsync", async () =>
                {
                    await board.DisposeAsync();
                    return 0;
                });
            }
        });
    }

    private bool Counted(bool passed)
    {
        _failedCertifications += passed ? 0 : 1;
        return passed;
    }
}
