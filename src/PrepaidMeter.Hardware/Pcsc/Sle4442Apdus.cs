using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>The SLE4442's ACS pseudo-APDUs (DESIGN.md §4): the reference card's shorthand for <see cref="AcsMemoryApdus"/>.</summary>
public static class Sle4442Apdus
{
    public static readonly byte[] Ok = AcsMemoryApdus.Ok;

    public const int MaxLength = AcsMemoryApdus.MaxLength;

    public static byte[] SelectCardType() => AcsMemoryApdus.SelectCardType(CardMedium.Sle4442);

    public static byte[] Read(int address, int length) => AcsMemoryApdus.Read(address, length);

    public static byte[] Write(int address, ReadOnlySpan<byte> data) => AcsMemoryApdus.Write(address, data);

    public static byte[] PresentPsc(ReadOnlySpan<byte> psc) => AcsMemoryApdus.PresentCode(psc);

    public static byte[] ChangePsc(ReadOnlySpan<byte> psc) => AcsMemoryApdus.ChangeCode(psc);

    /// <summary>SW2 of a PSC answer: one bit a try left (07 right, 03 and 01 wrong, 00 locked).</summary>
    public static int TriesLeft(byte sw2) => AcsMemoryApdus.TriesLeft((byte)(sw2 & 0x07));

    /// <summary>
    /// The card's answer to <paramref name="apdu"/>, as an ACS reader with the card in it gives it: a fresh reader session,
    /// the card type selected as every session must begin, then the one APDU.
    /// </summary>
    public static byte[] Respond(MemoryCard card, ReadOnlySpan<byte> apdu)
    {
        var reader = new MemoryCardOnAcsReader(card);
        reader.Respond(SelectCardType());
        return reader.Respond(apdu);
    }
}
