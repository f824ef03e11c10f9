using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;

namespace PrepaidMeter.Benchmarks.Cards;

/// <summary>
/// pm-ref-v1: decode-and-verify (CRC, MAC, fields, record) against the bare HMAC-SHA256 of the same
/// 208 bytes the MAC covers. The target and the figures are in docs/performance.md.
/// </summary>
public class ReferenceLayoutBenchmarks
{
    private readonly CardLayout _layout = CardLayouts.ReferenceV1;
    private readonly byte[] _macOut = new byte[32];
    private byte[] _image = [];
    private CardRecord _record = null!;

    [GlobalSetup]
    public void Setup()
    {
        _image = BenchmarkCards.Image(_layout);
        _record = BenchmarkCards.SwipedUserCard(_layout);
    }

    [Benchmark(Baseline = true)]
    public int BareHmacOfTheSameBytes() =>
        HMACSHA256.HashData(BenchmarkCards.Keys.MacKey, _image.AsSpan(32, 208), _macOut);

    /// <summary>The card MAC as the codec computes it: the same HMAC from the key's precomputed inner and outer states.</summary>
    [Benchmark]
    public int CardMacFromPrecomputedPads()
    {
        BenchmarkCards.Keys.ComputeMac(_image.AsSpan(32, 208), _macOut);
        return _macOut[0];
    }

    /// <summary>The CRC-16/MODBUS over the 216 bytes the card's checksum covers: the other integrity cost of a decode.</summary>
    [Benchmark]
    public uint Crc16OfTheDataArea() => PrepaidMeter.Cards.Integrity.Checksums.Compute(PrepaidMeter.Cards.Integrity.ChecksumAlgorithm.Crc16Modbus, _image.AsSpan(32, 216));

    [Benchmark]
    public CardRecord? DecodeAndVerify() => _layout.Decode(_image, BenchmarkCards.Keys).Record;

    [Benchmark]
    public bool Encode() => _layout.Encode(_record, BenchmarkCards.Keys, _image).Success;
}
