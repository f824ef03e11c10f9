using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Integrity;

/// <summary>The card MAC's fast path (precomputed pads, a kept prefix) is the plain HMAC-SHA256, byte for byte, for any key and any data.</summary>
public sealed class CardMacKeyProperties
{
    private static readonly Gen<byte> Bytes = Gen.Choose(0, 255).Select(b => (byte)b);

    [Fact]
    public void OpenSslSha256_IsBoundOnThisPlatform()
    {
        // Without it the MAC takes the plain path everywhere; the figures in docs/performance.md are the fast path's.
        OpenSslSha256.IsAvailable.ShouldBeTrue("libcrypto.so.3's SHA256_* functions should load on Debian");
    }

    [Fact]
    public void Compute_MatchesHmacSha256_ForAnyKeyAndData()
    {
        var keys = Gen.Choose(0, 150).SelectMany(length => Gen.ArrayOf(Bytes, length));
        var data = Gen.Choose(0, 600).SelectMany(length => Gen.ArrayOf(Bytes, length));
        Prop.ForAll(keys.ToArbitrary(), data.ToArbitrary(), (key, message) =>
        {
            var mac = new byte[32];
            new CardMacKey(key).Compute(message, mac);
            mac.ShouldBe(HMACSHA256.HashData(key, message));
        }).QuickCheckThrowOnFailure(1000);
    }

    [Fact]
    public void ComputeThroughAKeptPrefix_MatchesHmacSha256_ForAnySequenceOfMessagesAndKeys()
    {
        // One prefix kept across MACs of two keys over messages that share their leading bytes or not, as a meter
        // reads card after card: whether the state is reused, replaced or skipped, each MAC is the plain one.
        var keys = new[] { Gen.ArrayOf(Bytes, 32), Gen.ArrayOf(Bytes, 32) }.Select(g => g.Sample(1, 1).Single()).ToArray();
        var fast = keys.Select(k => new CardMacKey(k)).ToArray();
        var common = Gen.ArrayOf(Bytes, 256).Sample(1, 1).Single();
        var step =
            from key in Gen.Choose(0, 1)
            from prefixLength in Gen.Elements(0, 64, 128, 192, 256)
            from shared in Gen.Choose(0, 300)
            from tail in Gen.Choose(0, 200).SelectMany(n => Gen.ArrayOf(Bytes, n))
            select (key, prefixLength, message: common.Take(shared).Concat(tail).ToArray());
        Prop.ForAll(Gen.ListOf(step).ToArbitrary(), steps =>
        {
            var prefix = new MacPrefix();
            foreach (var (key, prefixLength, message) in steps)
            {
                var mac = new byte[32];
                fast[key].Compute(message, mac, prefix, prefixLength);
                mac.ShouldBe(HMACSHA256.HashData(keys[key], message));
            }
        }).QuickCheckThrowOnFailure(300);
    }

    [Fact]
    public void Compute_FromManyThreadsAtOnce_GivesTheSameMac()
    {
        var key = new CardMacKey(Some.Keys.MacKey.ToArray());
        var data = Enumerable.Range(0, 208).Select(i => (byte)i).ToArray();
        var expected = HMACSHA256.HashData(Some.Keys.MacKey, data);
        Parallel.For(0, 2000, _ =>
        {
            var mac = new byte[32];
            key.Compute(data, mac);
            mac.ShouldBe(expected);
        });
    }
}
