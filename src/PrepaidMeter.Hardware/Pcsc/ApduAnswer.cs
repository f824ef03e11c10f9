using System.Globalization;
using PrepaidMeter.Core;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// A status word the virtual card answers to its APDU number <see cref="Apdu"/> (counted from insertion, from 1)
/// instead of carrying the command out: `--answer 3=6F00`.
/// </summary>
public readonly record struct ApduAnswer
{
    private ApduAnswer(int apdu, ushort statusWord) => (Apdu, StatusWord) = (apdu, statusWord);

    public int Apdu { get; }

    public ushort StatusWord { get; }

    /// <exception cref="ArgumentOutOfRangeException">The APDU number is below 1, or the status word is not one a card may end an answer with.</exception>
    public static ApduAnswer To(int apdu, ushort statusWord)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(apdu, 1);
        if (StatusWordProblem(statusWord) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(statusWord), statusWord, problem);
        }

        return new(apdu, statusWord);
    }

    /// <summary>"N=SW", N an APDU number from 1, SW four hex digits (<c>3=6F00</c>).</summary>
    public static ParseResult<ApduAnswer> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('=');
        if (parts.Length != 2)
        {
            return ParseResult<ApduAnswer>.ForError("not N=SW: an APDU number and a status word, such as 3=6F00");
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var apdu) || apdu < 1)
        {
            return ParseResult<ApduAnswer>.ForError($"'{parts[0]}' is not an APDU number (1, 2, … counted from the card's insertion)");
        }

        if (parts[1].Length != 4 || !ushort.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var sw))
        {
            return ParseResult<ApduAnswer>.ForError($"'{parts[1]}' is not a status word (four hex digits, such as 6F00)");
        }

        return StatusWordProblem(sw) is { } problem ? ParseResult<ApduAnswer>.ForError($"{parts[1]}: {problem}") : ParseResult<ApduAnswer>.ForValue(new(apdu, sw));
    }

    /// <summary>
    /// Null when <paramref name="sw"/> may end an answer. ISO 7816-4 status words begin 62..6F or 90..9F; 61 and 6C are
    /// T=0 procedure bytes ("more data", "send again with Le") that a reader may act on itself instead of handing them over.
    /// </summary>
    public static string? StatusWordProblem(ushort sw) => (sw >> 8) switch
    {
        0x61 or 0x6C => "SW1 61 and 6C are T=0 procedure bytes a reader may act on itself; choose another status word",
        >= 0x62 and <= 0x6F or >= 0x90 and <= 0x9F => null,
        _ => "a status word's first byte is 62 to 6F or 90 to 9F (ISO 7816-4)",
    };

    public override string ToString() => $"{Apdu}={StatusWord:X4}";
}
