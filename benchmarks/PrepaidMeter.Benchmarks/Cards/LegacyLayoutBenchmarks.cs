using BenchmarkDotNet.Attributes;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;

namespace PrepaidMeter.Benchmarks.Cards;

/// <summary>legacy-bcd-v1: BCD fields, sum-8, no MAC. The target and the figures are in docs/performance.md.</summary>
public class LegacyLayoutBenchmarks
{
    private readonly CardLayout _layout = CardLayouts.LegacyBcdV1;
    private byte[] _image = [];
    private CardRecord _record = null!;

    [GlobalSetup]
    public void Setup()
    {
        _image = BenchmarkCards.Image(_layout);
        _record = BenchmarkCards.SwipedUserCard(_layout);
    }

    /// <summary>The floor: just the checksum over the 127 bytes it covers.</summary>
    [Benchmark(Baseline = true)]
    public uint BareSum8OfTheSameBytes() => Checksums.Compute(ChecksumAlgorithm.Sum8, _image.AsSpan(32, 127));

    [Benchmark]
    public CardRecord? DecodeAndVerify() => _layout.Decode(_image).Record;

    [Benchmark]
    public bool Encode() => _layout.Encode(_record, null, _image).Success;
}
