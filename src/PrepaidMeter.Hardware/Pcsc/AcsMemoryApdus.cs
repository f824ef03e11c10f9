using System.Numerics;
using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// The ACS readers' pseudo-APDUs for memory cards (ACR38x reference manual 6.02 §9.2.2, ACR39U and ACR1281U
/// manuals): select the card type, select the I²C page size, read, write, present and change the code, read
/// the error counter and the protection bits, write an SLE4428's protection bits. Built here for the reader,
/// answered by <see cref="MemoryCardOnAcsReader"/> for the virtual card, so both ends agree.
/// </summary>
public static class AcsMemoryApdus
{
    public static readonly byte[] Ok = [0x90, 0x00];

    /// <summary>The most bytes one read or write carries: the length byte counts 1..255 (0 reads 256).</summary>
    public const int MaxLength = 255;

    /// <summary>What ACS readers report for SLE4432/4442/5542 cards (the card's ATR header H1..H4 = A2 13 10 91).</summary>
    public static readonly byte[] Sle4442Atr = [0x3B, 0x04, 0xA2, 0x13, 0x10, 0x91];

    /// <summary>SLE4418/4428/5528: H1 = 92 says the 3-wire protocol (ISO 7816-10 type S9). pcsc-tools' list names it "SLE 4432/42" too.</summary>
    public static readonly byte[] Sle4428Atr = [0x3B, 0x04, 0x92, 0x23, 0x10, 0x91];

    /// <summary>
    /// An I²C EEPROM answers no reset; the virtual card gives the ATR pcsc-tools' list knows as an I²C card
    /// (historical bytes "I2C."). It says nothing of the size: the layout's medium does.
    /// </summary>
    public static readonly byte[] I2cAtr = [0x3B, 0x04, 0x49, 0x32, 0x43, 0x2E];

    public static byte[] AtrOf(CardMedium medium) =>
        medium.IsI2c ? I2cAtr : medium.Kind == CardMediumKind.Sle4428 ? Sle4428Atr : Sle4442Atr;

    /// <summary>SELECT_CARD_TYPE's card type: 06 SLE4432/42, 05 SLE4418/28, 01 I²C 1–16 Kbit, 02 I²C 32–1024 Kbit.</summary>
    public static byte TypeCode(CardMedium medium) =>
        medium.IsI2c ? (medium.Capacity <= 2048 ? (byte)0x01 : (byte)0x02) : medium.Kind == CardMediumKind.Sle4428 ? (byte)0x05 : (byte)0x06;

    public static byte[] SelectCardType(CardMedium medium) => [0xFF, 0xA4, 0x00, 0x00, 0x01, TypeCode(medium)];

    /// <summary>SELECT_PAGE_SIZE: 03 for 8-byte pages … 07 for 128 (the reader's default is 8 and comes back on removal).</summary>
    public static byte[] SelectPageSize(int pageSize) => [0xFF, 0x01, 0x00, 0x00, 0x01, (byte)BitOperations.Log2((uint)pageSize)];

    /// <summary>READ_MEMORY_CARD: the address in P1 P2 (an SLE4442's fits P2 alone).</summary>
    public static byte[] Read(int address, int length) => [0xFF, 0xB0, (byte)(address >> 8), (byte)(address & 0xFF), (byte)length];

    public static byte[] Write(int address, ReadOnlySpan<byte> data) => [0xFF, 0xD0, (byte)(address >> 8), (byte)(address & 0xFF), (byte)data.Length, .. data];

    /// <summary>PRESENT_CODE: 3 bytes for an SLE4442, 2 for an SLE4428.</summary>
    public static byte[] PresentCode(ReadOnlySpan<byte> code) => [0xFF, 0x20, 0x00, 0x00, (byte)code.Length, .. code];

    /// <summary>CHANGE_CODE: SLE4442 <c>FF D2 00 01 03</c>, SLE4428 <c>FF D2 00 00 02</c>.</summary>
    public static byte[] ChangeCode(ReadOnlySpan<byte> code) => [0xFF, 0xD2, 0x00, code.Length == 3 ? (byte)0x01 : (byte)0x00, (byte)code.Length, .. code];

    /// <summary>READ_PRESENTATION_ERROR_COUNTER: Le 04 on an SLE4442 (counter + 3 bytes), 03 on an SLE4428 (counter + 2).</summary>
    public static byte[] ReadErrorCounter(CardMedium medium) => [0xFF, 0xB1, 0x00, 0x00, (byte)(medium.PscLength + 1)];

    /// <summary>READ_PROTECTION_BITS: an SLE4442's 32 bits (<c>FF B2 00 00 04</c>); an SLE4428's for <paramref name="length"/> bytes from <paramref name="address"/>.</summary>
    public static byte[] ReadProtection(int address, int length) => [0xFF, 0xB2, (byte)(address >> 8), (byte)(address & 0xFF), (byte)length];

    /// <summary>WRITE_PROTECTION_MEMORY_CARD (SLE4428): protects each byte whose content equals the byte sent.</summary>
    public static byte[] WriteProtection(int address, ReadOnlySpan<byte> expected) => [0xFF, 0xD1, (byte)(address >> 8), (byte)(address & 0xFF), (byte)expected.Length, .. expected];

    /// <summary>Tries left in an error counter byte: one bit a try (SLE4442 SW2 07/03/01/00, SLE4428 ERRCNT FF…00).</summary>
    public static int TriesLeft(byte counter) => BitOperations.PopCount(counter);
}
