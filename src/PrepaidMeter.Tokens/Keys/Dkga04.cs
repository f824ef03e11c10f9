using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrepaidMeter.Tokens.Keys;

/// <summary>
/// Decoder key generation algorithm 04 (IEC 62055-41, 6.5.3.6): HMAC-SHA-256 keyed with the vending key over the meter's
/// identity, in the shape of a NIST SP 800-108 key derivation — a label (the algorithm "04", the base date, the encryption
/// algorithm, the tariff index), a zero byte, a context (supply group, key type, key revision, the 18-digit PAN), each
/// field length-prefixed, and the key length in bits; the decoder key is the first 8 (STA) or 16 (MISTY1) bytes.
/// The standard's clause is not public; this layout is the one public implementations agree on, and no published vector
/// confirms it (docs/tokens.md, "What is and is not verified").
/// </summary>
public static class Dkga04
{
    public static DecoderKey Generate(ReadOnlySpan<byte> vendingKey, MeterIdentity meter, EncryptionAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(meter);
        if (vendingKey.Length < 16)
        {
            throw new ArgumentException("a DKGA04 vending key is at least 128 bits", nameof(vendingKey));
        }

        var mac = HMACSHA256.HashData(vendingKey, Input(meter, algorithm));
        return new DecoderKey(algorithm, mac.AsSpan(0, algorithm == EncryptionAlgorithm.Sta ? 8 : 16));
    }

    /// <summary>The bytes the HMAC runs over.</summary>
    public static byte[] Input(MeterIdentity meter, EncryptionAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var invariant = CultureInfo.InvariantCulture;
        var input = new List<byte> { 4 };
        Field(input, "04");
        Field(input, ((int)meter.BaseDate % 100).ToString("D2", invariant));
        Field(input, ((int)algorithm).ToString("D2", invariant));
        Field(input, meter.TariffIndex.ToString("D2", invariant));
        input.Add(0);
        input.Add(4);
        Field(input, meter.SupplyGroup.ToString("D6", invariant));
        Field(input, meter.KeyType.ToString("X1", invariant));
        Field(input, meter.KeyRevision.ToString("X1", invariant));
        Field(input, meter.Pan);
        var bits = algorithm == EncryptionAlgorithm.Sta ? 64 : 128;
        input.AddRange([0, 0, 0, (byte)bits]);
        return [.. input];
    }

    private static void Field(List<byte> input, string text)
    {
        input.Add((byte)text.Length);
        input.AddRange(Encoding.ASCII.GetBytes(text));
    }
}
