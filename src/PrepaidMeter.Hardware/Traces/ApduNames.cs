using System.Globalization;
using System.Numerics;
using System.Text;

namespace PrepaidMeter.Hardware.Traces;

/// <summary>
/// Commands and status words in words, for people reading a trace: the ACS readers' pseudo-APDUs for memory cards
/// (class FF) and the ISO 7816-4 commands of a CPU card (class 00), as docs/card-media.md lists them. A code is masked.
/// </summary>
public static class ApduNames
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"READ at 0, 255 bytes", "PRESENT PSC ** ** **", "UPDATE BINARY at 16, 8 bytes" … or "unknown command FF 99".</summary>
    public static string Command(ReadOnlySpan<byte> command)
    {
        if (command.Length < 4)
        {
            return $"short command ({Bytes(command.Length)})";
        }

        var (cla, ins, p1, p2) = (command[0], command[1], command[2], command[3]);
        var address = (p1 << 8) | p2;
        var p3 = command.Length > 4 ? command[4] : 0;
        var body = command.Length > 5 ? command[5..] : [];
        return (cla, ins) switch
        {
            (0xFF, 0xA4) when body.Length == 1 => $"SELECT CARD TYPE {body[0]:X2} ({CardType(body[0])})",
            (0xFF, 0x01) when body.Length == 1 => $"SELECT PAGE SIZE {(body[0] is >= 3 and <= 7 ? (1 << body[0]).ToString(Invariant) : "?")} bytes",
            (0xFF, 0xB0) => string.Create(Invariant, $"READ at {address}, {Bytes(Count(p3))}"),
            (0xFF, 0xD0) => string.Create(Invariant, $"WRITE at {address}, {Bytes(body.Length)}"),
            (0xFF, 0x20) => $"PRESENT PSC {Masked(body.Length)}",
            (0xFF, 0xD2) => $"CHANGE PSC {Masked(body.Length)}",
            (0xFF, 0xB1) => "READ ERROR COUNTER",
            (0xFF, 0xB2) => string.Create(Invariant, $"READ PROTECTION BITS at {address}, {Bytes(Count(p3))}"),
            (0xFF, 0xD1) => string.Create(Invariant, $"WRITE PROTECTION at {address}, {Bytes(body.Length)}"),
            (0x00, 0xA4) when body.Length == 2 => $"SELECT FILE {body[0]:X2}{body[1]:X2}",
            (0x00, 0xB0) => string.Create(Invariant, $"READ BINARY at {address & 0x7FFF}, {Bytes(Count(p3))}"),
            (0x00, 0xD6) => string.Create(Invariant, $"UPDATE BINARY at {address & 0x7FFF}, {Bytes(body.Length)}"),
            (0x00, 0x84) => string.Create(Invariant, $"GET CHALLENGE {Bytes(p3)}"),
            (0x00, 0x82) => "EXTERNAL AUTHENTICATE",
            _ => $"unknown command {cla:X2} {ins:X2}",
        };
    }

    /// <summary>Whether <paramref name="command"/> carries a secret code, which a display masks.</summary>
    public static bool CarriesCode(ReadOnlySpan<byte> command) => command.Length > 5 && command[0] == 0xFF && command[1] is 0x20 or 0xD2;

    /// <summary>The command in hex with spaces, the code's bytes shown as ** when it carries one.</summary>
    public static string CommandHex(ReadOnlySpan<byte> command) =>
        CarriesCode(command) ? $"{Hex(command[..5])} {Masked(command.Length - 5)}" : Hex(command);

    /// <summary>"90 00 ok", "69 82 not unlocked", "90 03 code wrong, 2 tries left" … for the answer to <paramref name="command"/>.</summary>
    public static string Status(ReadOnlySpan<byte> command, ReadOnlySpan<byte> response)
    {
        if (response.Length < 2)
        {
            return "no status word";
        }

        var (sw1, sw2) = (response[^2], response[^1]);
        var text = $"{sw1:X2} {sw2:X2} {StatusMeaning(command, response)}";
        return text;
    }

    private static string StatusMeaning(ReadOnlySpan<byte> command, ReadOnlySpan<byte> response)
    {
        var (sw1, sw2) = (response[^2], response[^1]);
        var acs = command.Length > 1 && command[0] == 0xFF;
        // An SLE4442's PRESENT PSC answers 90 and its error counter; an SLE4428's the counter before 90 00.
        if (acs && command[1] == 0x20 && sw1 == 0x90 && response.Length == 2)
        {
            return Tries(sw2 & 0x07, 3);
        }

        if (acs && command[1] == 0x20 && sw1 == 0x90 && sw2 == 0 && response.Length == 5)
        {
            return Tries(response[0], 8);
        }

        return (sw1, sw2) switch
        {
            (0x90, 0x00) => "ok",
            (0x67, 0x00) => "wrong length",
            (0x6E, 0x00) => "class not supported",
            (0x6D, 0x00) => "instruction not supported",
            (0x6A, 0x81) => "function not supported (another card type)",
            (0x6A, 0x80) => "wrong data",
            (0x6A, 0x82) => "file not found",
            (0x69, 0x82) => acs ? "not unlocked (present the PSC first)" : "security status not satisfied (authenticate first)",
            (0x69, 0x83) => "authentication blocked",
            (0x69, 0x85) => "conditions not satisfied (no challenge)",
            (0x69, 0x86) => acs ? "write-protected" : "no current file (SELECT first)",
            (0x6B, 0x00) => "wrong address (beyond the card)",
            (0x6C, _) => string.Create(Invariant, $"wrong length: {sw2} bytes there"),
            (0x63, >= 0xC0) => string.Create(Invariant, $"authentication failed, {sw2 & 0x0F} tries left"),
            (0x6F, 0x00) => "no precise diagnosis (the card failed)",
            (0x62 or 0x63, _) => "warning",
            (0x64 or 0x65, _) => "execution error",
            _ => "unknown status",
        };
    }

    private static string Tries(int counter, int bits)
    {
        var left = BitOperations.PopCount((uint)counter & ((1u << bits) - 1));
        return counter == (1 << bits) - 1 ? string.Create(Invariant, $"code right ({left} tries)")
            : left == 0 ? "card locked (no tries left)"
            : string.Create(Invariant, $"code wrong, {left} tries left");
    }

    private static string CardType(byte code) => code switch
    {
        0x06 => "SLE4432/4442",
        0x05 => "SLE4418/4428",
        0x01 => "I2C 1-16 Kbit",
        0x02 => "I2C 32-1024 Kbit",
        _ => "unknown type",
    };

    private static int Count(int p3) => p3 == 0 ? 256 : p3;

    /// <summary>"1 byte", "255 bytes".</summary>
    public static string Bytes(int count) => count == 1 ? "1 byte" : string.Create(CultureInfo.InvariantCulture, $"{count} bytes");

    private static string Masked(int bytes) => string.Join(' ', Enumerable.Repeat("**", Math.Max(0, bytes)));

    /// <summary>Bytes as two-digit upper-case hex, one space between: "FF B0 00 00 FF".</summary>
    public static string Hex(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "";
        }

        var text = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            text.Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]).Append(' ');
        }

        return text.ToString(0, text.Length - 1);
    }

    private const string HexDigits = "0123456789ABCDEF";
}
