using System.Globalization;
using PrepaidMeter.Meter.Tokens;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// What a token meter's display can show after an enter, as a person at a bench reads it (rule TK3: docs/meter-rules.md),
/// and the response code it stands for. A bench cannot read a meter's answer to a token over DL/T 645: its operator picks
/// one of <see cref="All"/>, and the bench takes it as the meter's answer.
/// </summary>
public sealed record TokenDisplay(TokenResponse Response, string Display)
{
    /// <summary>Every display of rule TK3, each pending key change section by name ("PLS 2nd"), and the blank display of a meter without power.</summary>
    public static IReadOnlyList<TokenDisplay> All { get; } =
    [
        new(TokenResponse.Accepted, TokenResponse.Accepted.Display()),
        .. ((string[])["1st", "2nd", "3rd", "4th"]).Select(section => new TokenDisplay(TokenResponse.KeyChangePending, $"PLS {section}")),
        .. Enum.GetValues<TokenResponse>().Where(r => r is not (TokenResponse.Accepted or TokenResponse.KeyChangePending)).Select(r => new TokenDisplay(r, r.Display())),
    ];

    /// <summary>As a list of choices shows it: the display's words, "(blank)" for a dark display.</summary>
    public string Label => Display.Length == 0 ? "(blank)" : Display;

    /// <summary>The meter's answer as the bench reports it: the code and display read, and where they came from.</summary>
    public TokenOutcome Outcome() => new(Response, Display, "as the operator read the meter's display", []);

    /// <summary>
    /// The choice an operator's <paramref name="answer"/> names: its number in <paramref name="choices"/> (from 1), its display
    /// words ("Key Exp", any case, spaces optional; "blank" for a dark display) or its response code ("keyExpired") when that
    /// names one choice only. Null when it names none, or several ("keyChangePending": which section?).
    /// </summary>
    public static TokenDisplay? Read(string answer, IReadOnlyList<TokenDisplay> choices)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(choices);
        var said = answer.Trim();
        if (int.TryParse(said, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number >= 1 && number <= choices.Count ? choices[number - 1] : null;
        }

        var words = Squeezed(said);
        if (words.Length == 0)
        {
            return null; // an Enter alone is not a reading: a dark display is said as "blank"
        }

        var named = choices.Where(c => Squeezed(c.Label) == words).ToList();
        if (named.Count == 0)
        {
            named = [.. choices.Where(c => c.Response.ToString().Equals(words, StringComparison.OrdinalIgnoreCase))];
        }

        return named.Count == 1 ? named[0] : null;
    }

    // "Key Exp", "key exp" and "KEYEXP" alike; "(blank)" and "blank" too.
    private static string Squeezed(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not ('(' or ')'))).ToUpperInvariant();
}
