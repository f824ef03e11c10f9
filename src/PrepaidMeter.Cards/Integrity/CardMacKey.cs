using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace PrepaidMeter.Cards.Integrity;

/// <summary>
/// The card MAC's fast path: HMAC-SHA256 under one key with the inner and outer hash states after the key's
/// ipad and opad blocks computed once (RFC 2104, section 4), so each MAC hashes only the card's bytes and the
/// inner digest. Only where <see cref="OpenSslSha256.IsAvailable"/>; the plain MAC is <see cref="HMACSHA256"/>
/// (<see cref="SupplyGroupKeys.ComputeMac(ReadOnlySpan{byte}, Span{byte})"/>). Thread-safe: MACs are computed on
/// a copy of the states.
/// </summary>
internal sealed class CardMacKey
{
    private const int BlockBytes = 64;

    private readonly byte[] _inner = new byte[OpenSslSha256.ContextBytes];
    private readonly byte[] _outer = new byte[OpenSslSha256.ContextBytes];

    public CardMacKey(byte[] key)
    {
        // Keys longer than a block are hashed first (RFC 2104); card MAC keys are 32 bytes, but be exact.
        var k = key.Length > BlockBytes ? SHA256.HashData(key) : key;
        Span<byte> pad = stackalloc byte[BlockBytes];
        Start(_inner, k, pad, 0x36);
        Start(_outer, k, pad, 0x5C);
        CryptographicOperations.ZeroMemory(pad);
    }

    /// <summary>HMAC-SHA256 of <paramref name="data"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public void Compute(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < 32)
        {
            throw new ArgumentException("The destination holds fewer than 32 bytes.", nameof(destination));
        }

        Finish(_inner, data, destination);
    }

    /// <summary>
    /// As <see cref="Compute"/>, through <paramref name="prefix"/>: when it holds this key's state after these same
    /// first <paramref name="prefixLength"/> bytes (a multiple of 64, at most <see cref="MacPrefix.MaxBytes"/>), the
    /// hash starts there; otherwise it keeps that state now, for the next MAC of the same leading bytes.
    /// </summary>
    public void Compute(ReadOnlySpan<byte> data, Span<byte> destination, MacPrefix prefix, int prefixLength)
    {
        if (prefixLength % BlockBytes != 0 || prefixLength > MacPrefix.MaxBytes || destination.Length < 32)
        {
            throw new ArgumentException("A MAC prefix is whole 64-byte blocks, at most 256 bytes, into 32 bytes.", nameof(prefixLength));
        }

        if (prefixLength == 0 || data.Length <= prefixLength)
        {
            Compute(data, destination);
            return;
        }

        if (!prefix.Matches(this, data, prefixLength))
        {
            // Only the leading blocks go into the kept state; the rest is hashed from a copy of it.
            prefix.Length = 0;
            _inner.CopyTo(prefix.State, 0);
            OpenSslSha256.Update(ref prefix.State[0], ref MemoryMarshal.GetReference(data), (nuint)prefixLength);
            data[..prefixLength].CopyTo(prefix.Bytes);
            prefix.Length = prefixLength;
            prefix.Key = this;
        }

        Finish(prefix.State, data[prefixLength..], destination);
    }

    /// <summary>The rest of the inner hash from <paramref name="state"/>, then the outer one.</summary>
    private void Finish(ReadOnlySpan<byte> state, ReadOnlySpan<byte> rest, Span<byte> destination)
    {
        Span<byte> context = stackalloc byte[OpenSslSha256.ContextBytes];
        Span<byte> innerDigest = stackalloc byte[32];
        state.CopyTo(context);
        OpenSslSha256.Update(ref context[0], ref MemoryMarshal.GetReference(rest), (nuint)rest.Length);
        OpenSslSha256.Final(ref innerDigest[0], ref context[0]);
        _outer.CopyTo(context);
        OpenSslSha256.Update(ref context[0], ref innerDigest[0], 32);
        OpenSslSha256.Final(ref destination[0], ref context[0]);
    }

    private static void Start(byte[] state, ReadOnlySpan<byte> key, Span<byte> pad, byte with)
    {
        pad.Fill(with);
        for (var i = 0; i < key.Length; i++)
        {
            pad[i] ^= key[i];
        }

        OpenSslSha256.Init(ref state[0]);
        OpenSslSha256.Update(ref state[0], ref pad[0], BlockBytes);
    }
}
