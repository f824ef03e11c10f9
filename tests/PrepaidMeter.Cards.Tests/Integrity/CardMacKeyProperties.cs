using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Integrity;

/// <summary>The card MAC from precomputed pads is HMAC-SHA256, byte for byte, for any key and any data.</summary>
public sealed class CardMacKeyProperties
{
    [Fact]
    public void OpenSslSha256_IsBoundOnThisPlatform()
    {
        // The fast path is what the figures in README.md measure; losing it silently would only show as slowness.
        OpenSslSha256.IsAvailable.ShouldBeTrue("libcrypto.so.3's SHA256_* functions should load on Debian");
    }

    [Fact]
    public void Compute_MatchesHmacSha256_ForAnyKeyAndData()
    {
        var bytes = Gen.Choose(0, 255).Select(b => (byte)b);
        var keys = Gen.Choose(0, 150).SelectMany(length => Gen.ArrayOf(bytes, length));
        var data = Gen.Choose(0, 600).SelectMany(length => Gen.ArrayOf(bytes, length));
        Prop.ForAll(keys.ToArbitrary(), data.ToArbitrary(), (key, message) =>
        {
            var mac = new byte[32];
            new CardMacKey(key).Compute(message, mac);
            mac.ShouldBe(HMACSHA256.HashData(key, message));
        }).QuickCheckThrowOnFailure(1000);
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
