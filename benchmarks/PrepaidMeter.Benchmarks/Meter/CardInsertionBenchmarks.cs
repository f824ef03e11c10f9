using BenchmarkDotNet.Attributes;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Benchmarks.Meter;

/// <summary>
/// A card insertion (decode + rules + return-write encode + NVRAM commit) against the card decode
/// alone. The card is the already-loaded one (rule U2), so every run does the same work: verify, decide,
/// write back. The target and the figures are in docs/performance.md.
/// </summary>
public class CardInsertionBenchmarks
{
    private readonly CardLayout _layout = CardLayouts.ReferenceV1;
    private VirtualMeter _meter = null!;
    private byte[] _card = [];
    private byte[] _scratch = [];

    [GlobalSetup]
    public void Setup()
    {
        _meter = VirtualMeter.Create(MeterModels.ReferenceEnergy, MeterNumber.From(12345678), SupplyGroupCode.From(100001), Some.Keys, TimeProvider.System);
        var set = new CardRecord { Kind = CardKind.Set, Layout = _layout.Id, SupplyGroup = SupplyGroupCode.From(100001), Parameters = MeterModels.ReferenceEnergy.Defaults };
        _layout.Encode(set, Some.Keys, out var setImage).ThrowIfRefused();
        _meter.InsertCard(setImage);
        _layout.Encode(Some.UserCard(_layout.Id), Some.Keys, out _card).ThrowIfRefused();
        _meter.InsertCard(_card);
        _scratch = (byte[])_card.Clone();
    }

    [Benchmark(Baseline = true)]
    public CardRecord? DecodeAlone() => _layout.Decode(_card, Some.Keys).Record;

    [Benchmark]
    public CardOutcome InsertCard()
    {
        _card.CopyTo(_scratch, 0);
        return _meter.InsertCard(_scratch);
    }
}
