using BenchmarkDotNet.Attributes;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Benchmarks.Lab;

/// <summary>
/// The certification suite's wall time (issue 6) for the fullest shipped model, pm-ref-full: on `virtual`
/// (target: under 5 s) and on `stack`, against the hardware round trips the stack run cannot do without —
/// <see cref="BareInsertionCycle"/> is one card's trip through the real PC/SC stack as the meter device makes
/// it, with no meter behind it: the virtual card into vpcd's slot 1, pcscd seeing it, the whole image read,
/// 24 changed bytes written and read back, the card out and pcscd seeing it gone. The setup counts the cards
/// the suite inserts, so the stack figure can be set against cards × cycle. Needs pcscd with vpcd and socat
/// running, and `prepaid` built (tools/bench.sh builds it).
/// </summary>
public class CertificationBenchmarks
{
    private static readonly StackTargetOptions Stack = new(["dotnet", Path.Combine(RepoPaths.Root, "src/PrepaidMeter.Cli/bin/Release/net10.0/prepaid.dll")]);
    private readonly byte[] _changed = [.. Enumerable.Range(0, 24).Select(i => (byte)(i + 1))];
    private MeterModel _model = null!;
    private VpcdSlots? _slots;

    /// <summary>Cards the suite inserts into meters (set cards, user cards, tool cards, replays...).</summary>
    public static int CardsPerSuite { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = MeterModels.Get("pm-ref-full");
        var counting = new CountingTarget();
        Certifier.RunAsync(_model, () => counting, TimeProvider.System).GetAwaiter().GetResult();
        CardsPerSuite = counting.Cards;
        Console.WriteLine($"// the pm-ref-full certification inserts {CardsPerSuite} cards");
    }

    [GlobalCleanup]
    public void Cleanup() => _slots?.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<int> BareInsertionCycle()
    {
        _slots ??= VpcdSlots.Take();
        var card = new MemoryCard(new byte[CardMedium.Sle4442.Capacity], SupplyGroupKeys.Derive([1, 2, 3, 4, 5, 6, 7, 8]).Psc.Span);
        var psc = card.Psc.ToArray();
        using var reader = new PcscCardReader(VirtualCard.ReaderName(1));
        await using (await VirtualCard.InsertAsync(1, card, CancellationToken.None))
        {
            await reader.WaitForCardAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            var (_, image) = await CardImageIo.ReadAsync(reader, CardMedium.Sle4442.Capacity, CancellationToken.None);
            var changed = image.ToArray();
            _changed.CopyTo(changed, 128);
            await CardImageIo.WriteChangedAsync(reader, image, changed, psc, CancellationToken.None);
        }

        await reader.WaitForRemovalAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        return card.Memory[128];
    }

    [Benchmark]
    public async Task<bool> CertifyOnVirtual() => (await Certifier.RunAsync(_model, () => new VirtualTarget(), TimeProvider.System)).Passed;

    [Benchmark]
    public async Task<bool> CertifyOnStack()
    {
        // The stack target takes vpcd's slots itself.
        _slots?.Dispose();
        _slots = null;
        await using var board = StackBoard.Create(Stack);
        return (await Certifier.RunAsync(_model, () => new StackTarget(board), TimeProvider.System)).Passed;
    }

    /// <summary>The virtual target, counting the cards carried to its meters; one instance serves every clause in turn.</summary>
    private sealed class CountingTarget : ILabTarget
    {
        private VirtualTarget _inner = new();

        public int Cards { get; private set; }

        public string Name => "counting";

        public MeterFacts Observes => MeterFacts.All;

        public TimeSpan LongestStep => TimeSpan.MaxValue;

        public Task InstallAsync(MeterModel model, MeterNumber number, SupplyGroupCode group, SupplyGroupKeys keys, DateTimeOffset now, CancellationToken cancellationToken) =>
            _inner.InstallAsync(model, number, group, keys, now, cancellationToken);

        public Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, PowerCut cut, CancellationToken cancellationToken)
        {
            Cards++;
            return _inner.InsertCardAsync(meter, card, cut, cancellationToken);
        }

        public Task<IReadOnlyList<MeterEvent>> AdvanceAsync(MeterNumber meter, TimeSpan duration, LoadProfile load, CancellationToken cancellationToken) =>
            _inner.AdvanceAsync(meter, duration, load, cancellationToken);

        public Task CutPowerAsync(MeterNumber meter, CancellationToken cancellationToken) => _inner.CutPowerAsync(meter, cancellationToken);

        public Task RestorePowerAsync(MeterNumber meter, CancellationToken cancellationToken) => _inner.RestorePowerAsync(meter, cancellationToken);

        public Task<bool> RemoteAsync(MeterNumber meter, RemoteCommand command, CancellationToken cancellationToken) => _inner.RemoteAsync(meter, command, cancellationToken);

        public Task<MeterSnapshot> ReadAsync(MeterNumber meter, CancellationToken cancellationToken) => _inner.ReadAsync(meter, cancellationToken);

        // Each clause gets fresh meters on the same counter.
        public ValueTask DisposeAsync()
        {
            _inner = new VirtualTarget();
            return ValueTask.CompletedTask;
        }
    }
}
