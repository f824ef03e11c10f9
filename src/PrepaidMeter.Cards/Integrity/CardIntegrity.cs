namespace PrepaidMeter.Cards.Integrity;

/// <summary>Which code computes the card MAC and checksums: both give the same bytes.</summary>
public enum IntegrityImplementation
{
    /// <summary>
    /// The fast paths: the MAC through libcrypto's SHA-256 block functions from the key's precomputed pads
    /// (<see cref="CardMacKey"/>), started from the state a meter kept over the card's unchanged leading bytes
    /// (<see cref="MacPrefix"/>); table-driven checksums (<see cref="FastChecksums"/>), moved by the bytes a
    /// return-write changed instead of computed again.
    /// </summary>
    Fast,

    /// <summary>
    /// The definitions, to read: the BCL's HMAC-SHA256 for the MAC, bit-by-bit checksums
    /// (<see cref="PlainChecksums"/>), and a return-write sealed again from scratch.
    /// </summary>
    Plain,
}

/// <summary>
/// The one switch between the card integrity code's fast paths and the plain code beside them. It starts
/// <see cref="IntegrityImplementation.Fast"/>, or <see cref="IntegrityImplementation.Plain"/> when the process
/// starts with <c>PREPAID_CARD_INTEGRITY=plain</c> (a whole test run, the CLI or the lab on the plain code);
/// code may set it at any time. Property tests in tests/PrepaidMeter.Cards.Tests/Integrity hold each fast path
/// to its plain one.
/// </summary>
public static class CardIntegrity
{
    public const string EnvironmentVariable = "PREPAID_CARD_INTEGRITY";

    public static IntegrityImplementation Implementation { get; set; } = Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    internal static bool IsFast => Implementation == IntegrityImplementation.Fast;

    /// <summary>"plain" (any case) is the plain code; anything else, or nothing, the fast paths.</summary>
    internal static IntegrityImplementation Parse(string? value) =>
        string.Equals(value?.Trim(), "plain", StringComparison.OrdinalIgnoreCase) ? IntegrityImplementation.Plain : IntegrityImplementation.Fast;
}
