namespace PrepaidMeter.Cards.Integrity;

/// <summary>
/// The card MAC's inner hash state after the card's leading bytes, kept by a meter's decode for its return-write
/// (the fast path only, <see cref="CardIntegrity"/>): the write-back changes only fields near the end of what the
/// MAC covers, so its MAC can start after the bytes it left alone. Used only for the same key and byte for byte the
/// same leading bytes, so a stale or foreign state costs a full MAC, never a wrong one. One per meter: not thread-safe.
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
