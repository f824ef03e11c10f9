namespace PrepaidMeter.Cards.Integrity;

/// <summary>The card checksums over byte spans, through <see cref="CardIntegrity"/>'s choice of code; no allocation.</summary>
public static class Checksums
{
    public static int LengthOf(ChecksumAlgorithm algorithm) => PlainChecksums.LengthOf(algorithm);

    /// <summary>Starts a running checksum.</summary>
    public static uint Initial(ChecksumAlgorithm algorithm) => PlainChecksums.Initial(algorithm);

    /// <summary>Feeds <paramref name="data"/> into a running checksum, so disjoint ranges can be covered.</summary>
    public static uint Update(ChecksumAlgorithm algorithm, uint state, ReadOnlySpan<byte> data) => CardIntegrity.IsFast
        ? FastChecksums.Update(algorithm, state, data)
        : PlainChecksums.Update(algorithm, state, data);

    public static uint Finish(ChecksumAlgorithm algorithm, uint state) => PlainChecksums.Finish(algorithm, state);

    /// <summary>The checksum of one contiguous span.</summary>
    public static uint Compute(ChecksumAlgorithm algorithm, ReadOnlySpan<byte> data) => CardIntegrity.IsFast
        ? FastChecksums.Compute(algorithm, data)
        : PlainChecksums.Compute(algorithm, data);
}
