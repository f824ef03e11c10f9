using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Tokens.Keys;

/// <summary>
/// The key change tokens that install <paramref name="newKey"/> in a meter (IEC 62055-41, 6.2.13–6.2.14, 6.3.14–6.3.17),
/// in the order they are entered: the first and second sections for a 64-bit key (its high and low 32 bits); for a
/// 128-bit key also the third and fourth (bits 95..64 and 63..32, with the supply group code's low and high 12 bits).
/// They are encrypted under the meter's current key, so the meter checks them with the key they replace.
/// </summary>
public static class KeyChangeTokens
{
    public static IReadOnlyList<TokenData> For(DecoderKey newKey, MeterIdentity newMeter, bool rollover)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        ArgumentNullException.ThrowIfNull(newMeter);
        var bytes = newKey.Bytes.ToArray();
        uint Word(int index) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(index, 4));
        var fourSections = newKey.Algorithm == EncryptionAlgorithm.Misty1;
        var first = new FirstKeySection(newMeter.KeyExpiry >> 4, newMeter.KeyRevision, rollover, fourSections, newMeter.KeyType, Word(0));
        var second = new SecondKeySection(newMeter.KeyExpiry & 0xF, newMeter.TariffIndex, Word(bytes.Length - 4));
        return fourSections
            ? [first, second, new ThirdKeySection(newMeter.SupplyGroup & 0xFFF, Word(4)), new FourthKeySection(newMeter.SupplyGroup >> 12, Word(8))]
            : [first, second];
    }
}
