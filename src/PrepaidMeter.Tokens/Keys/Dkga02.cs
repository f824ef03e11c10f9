using System.Globalization;
using PrepaidMeter.Tokens.Ciphers;

namespace PrepaidMeter.Tokens.Keys;

/// <summary>
/// Decoder key generation algorithm 02 (IEC 62055-41, 6.5.3.4): with B = PANBlock XOR CONTROLBlock, the decoder key is
/// DES<sub>VK</sub>(B) XOR B XOR VK, single DES with the supply group's 64-bit vending key. The PAN block is the 16
/// rightmost digits of IIN and DRN (without the PAN's own check digit) as BCD nibbles; the control block is KT, SGC (6
/// digits), TI (2), KRN and six F nibbles (6.5.3.1–6.5.3.2).
/// </summary>
public static class Dkga02
{
    public static DecoderKey Generate(ReadOnlySpan<byte> vendingKey, MeterIdentity meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var vending = Blocks.Read(vendingKey.Length == 8 ? vendingKey : throw new ArgumentException("a DKGA02 vending key is 8 bytes (single DES)", nameof(vendingKey)));
        var block = PanBlock(meter) ^ ControlBlock(meter);
        var key = new DesCipher(vendingKey).Encrypt(block) ^ block ^ vending;
        return new DecoderKey(EncryptionAlgorithm.Sta, Blocks.ToBytes(key));
    }

    public static ulong PanBlock(MeterIdentity meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return ulong.Parse((meter.Iin + meter.Drn)[^16..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    public static ulong ControlBlock(MeterIdentity meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var digits = string.Create(CultureInfo.InvariantCulture, $"{meter.KeyType}{meter.SupplyGroup:D6}{meter.TariffIndex:D2}{meter.KeyRevision}FFFFFF");
        return ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }
}
