namespace PrepaidMeter.Tokens.Keys;

/// <summary>The token encryption algorithms of IEC 62055-41 this engine makes and reads (EA code as the APDU carries it).</summary>
public enum EncryptionAlgorithm
{
    /// <summary>The Standard Transfer Algorithm, 64-bit key (DKGA02 or DKGA04).</summary>
    Sta = 7,

    /// <summary>MISTY1, 128-bit key (DKGA04 only).</summary>
    Misty1 = 11,
}

/// <summary>The decoder key generation algorithms this engine implements.</summary>
public enum KeyGeneration
{
    /// <summary>Single DES over the PAN and control blocks with a 64-bit vending key.</summary>
    Dkga02 = 2,

    /// <summary>HMAC-SHA-256 over the meter's identity with a vending key of 128 bits or more.</summary>
    Dkga04 = 4,
}
