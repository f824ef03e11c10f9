namespace PrepaidMeter.Tokens.Keys;

/// <summary>A meter's decoder key from its supply group's vending key, by the generation algorithm the key names.</summary>
public static class DecoderKeys
{
    /// <summary>DKGA02 (EA07 only; an 8-byte vending key) or DKGA04 (either algorithm; 16 bytes or more).</summary>
    public static DecoderKey Derive(KeyGeneration generation, ReadOnlySpan<byte> vendingKey, MeterIdentity meter, EncryptionAlgorithm algorithm) => generation switch
    {
        KeyGeneration.Dkga02 when algorithm == EncryptionAlgorithm.Sta => Dkga02.Generate(vendingKey, meter),
        KeyGeneration.Dkga02 => throw new ArgumentException("DKGA02 makes 64-bit keys: EA07 only", nameof(algorithm)),
        KeyGeneration.Dkga04 => Dkga04.Generate(vendingKey, meter, algorithm),
        _ => throw new ArgumentOutOfRangeException(nameof(generation), generation, "not a key generation algorithm of this engine"),
    };
}
