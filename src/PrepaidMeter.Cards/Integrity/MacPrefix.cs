namespace PrepaidMeter.Cards.Integrity;

/// <summary>
/// A card MAC's inner hash state after the card's leading bytes, kept by a decode for the return-write that
/// follows it (each MAC through it starts from it when it fits, and keeps its own otherwise): a meter writes
/// back only fields near the end of what the MAC covers, so the MAC it seals them with can start from the state
/// after the bytes it did not change instead of hashing them again. The state is used only for the same key and
/// byte for byte the same leading bytes, so a stale or foreign one costs a full MAC, never a wrong one. One per
/// meter (or per thread): not thread-safe.
/// </summary>
public sealed class MacPrefix
{
    /// <summary>Whole SHA-256 blocks only, and at most this many bytes of them.</summary>
    internal const int MaxBytes = 256;

    internal byte[] State { get; } = new byte[OpenSslSha256.ContextBytes];

    internal byte[] Bytes { get; } = new byte[MaxBytes];

    /// <summary>How many leading bytes <see cref="State"/> has hashed; 0 when it holds nothing.</summary>
    internal int Length { get; set; }

    internal CardMacKey? Key { get; set; }

    internal bool Matches(CardMacKey key, ReadOnlySpan<byte> data, int length) =>
        Length == length && length > 0 && ReferenceEquals(Key, key) && data.Length > length && data[..length].SequenceEqual(Bytes.AsSpan(0, length));
}
