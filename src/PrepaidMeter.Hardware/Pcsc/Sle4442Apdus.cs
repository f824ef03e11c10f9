using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// The ACS pseudo-APDUs for SLE4442 memory cards (DESIGN.md §4): select the card type, read, write, present
/// and change the PSC. Built here for the reader, answered here for the virtual card, so both ends agree.
/// </summary>
public static class Sle4442Apdus
{
    public static readonly byte[] Ok = [0x90, 0x00];

    /// <summary>The most bytes one read or write carries: the length byte counts 1..255.</summary>
    public const int MaxLength = 255;

    public static byte[] SelectCardType() => [0xFF, 0xA4, 0x00, 0x00, 0x01, 0x06];

    public static byte[] Read(int address, int length) => [0xFF, 0xB0, 0x00, (byte)address, (byte)length];

    public static byte[] Write(int address, ReadOnlySpan<byte> data) => [0xFF, 0xD0, 0x00, (byte)address, (byte)data.Length, .. data];

    public static byte[] PresentPsc(ReadOnlySpan<byte> psc) => [0xFF, 0x20, 0x00, 0x00, 0x03, .. psc];

    public static byte[] ChangePsc(ReadOnlySpan<byte> psc) => [0xFF, 0xD2, 0x00, 0x01, 0x03, .. psc];

    /// <summary>SW2 of a PSC answer: one bit a try left (07 right, 03 and 01 wrong, 00 locked).</summary>
    public static int TriesLeft(byte sw2) => (sw2 & 1) + ((sw2 >> 1) & 1) + ((sw2 >> 2) & 1);

    /// <summary>The card's answer to <paramref name="apdu"/>, as an ACS reader with an SLE4442 in it gives it.</summary>
    public static byte[] Respond(Sle4442Card card, ReadOnlySpan<byte> apdu)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (apdu.Length < 5 || apdu[0] != 0xFF)
        {
            return [0x6E, 0x00]; // class not supported
        }

        var (ins, p2, length) = (apdu[1], apdu[3], apdu[4]);
        switch (ins)
        {
            case 0xA4 when apdu.Length >= 6 && apdu[5] == 0x06:
                return Ok;
            case 0xB0:
                var count = length == 0 ? 256 : length;
                var data = new byte[count];
                return card.Read(p2, data) is { Success: true } ? [.. data, .. Ok] : [0x6B, 0x00];
            case 0xD0 when apdu.Length == 5 + length:
                return Status(card.Write(p2, apdu[5..]));
            case 0x20 when length == 3 && apdu.Length == 8:
                var result = card.PresentPsc(apdu[5..8]);
                return [0x90, (byte)((1 << result.TriesLeft) - 1)];
            case 0xD2 when length == 3 && apdu.Length == 8:
                return Status(card.ChangePsc(apdu[5..8]));
            default:
                return [0x6D, 0x00]; // instruction not supported
        }
    }

    private static byte[] Status(CardIoResult result) => result.Status switch
    {
        CardIoStatus.Ok => Ok,
        CardIoStatus.Locked => [0x69, 0x82],
        CardIoStatus.WriteProtected => [0x69, 0x86],
        _ => [0x6B, 0x00],
    };
}
