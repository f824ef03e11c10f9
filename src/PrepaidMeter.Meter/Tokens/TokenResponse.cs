namespace PrepaidMeter.Meter.Tokens;

/// <summary>What the meter shows after a token is entered (rule TK3; docs/meter-rules.md lists each code and when).</summary>
public enum TokenResponse : byte
{
    /// <summary>Credit loaded, a management token applied, or a key change completed.</summary>
    Accepted,

    /// <summary>A key change section accepted; the rest of its set is awaited ("PLS 2nd" and the like).</summary>
    KeyChangePending,

    /// <summary>A class 1 test/display token ran.</summary>
    Tested,

    /// <summary>The token does not decode under this meter's key: mistyped, another meter's, not 20 digits, or a class or subclass the meter does not take.</summary>
    Reject,

    /// <summary>Its TID is in the TID memory: accepted before.</summary>
    Used,

    /// <summary>Its TID is older than the oldest kept while the TID memory is full.</summary>
    Old,

    /// <summary>Its TID's top 8 bits are above the key expiry number.</summary>
    KeyExpired,

    /// <summary>The credit register would pass its limit (or the purchase limit).</summary>
    Overflow,

    /// <summary>Credit of another utility (water to an electricity meter, time, currency) or a register the meter has not.</summary>
    WrongUtility,

    /// <summary>A test token whose manufacturer code is not this meter's.</summary>
    ManufacturerCodeError,

    /// <summary>The keypad is locked out after invalid entries; the meter-specific token was not looked at.</summary>
    LockedOut,

    /// <summary>The meter has no power: nothing happened.</summary>
    PowerOff,
}

public static class TokenResponses
{
    /// <summary>The meter took the token (exit code 0 at the command line).</summary>
    public static bool IsAccepted(this TokenResponse response) => response <= TokenResponse.Tested;

    /// <summary>Whether the entry counts towards the keypad lock-out (rule TK14): a failed authentication.</summary>
    public static bool CountsAsInvalid(this TokenResponse response) => response is TokenResponse.Reject or TokenResponse.ManufacturerCodeError;

    /// <summary>The meter's display (rule TK3).</summary>
    public static string Display(this TokenResponse response) => response switch
    {
        TokenResponse.Accepted => "Accept",
        TokenResponse.KeyChangePending => "PLS next",
        TokenResponse.Tested => "Test",
        TokenResponse.Reject => "Reject",
        TokenResponse.Used => "Used",
        TokenResponse.Old => "Old",
        TokenResponse.KeyExpired => "Key Exp",
        TokenResponse.Overflow => "Overflow",
        TokenResponse.WrongUtility => "Type Err",
        TokenResponse.ManufacturerCodeError => "Mfr Err",
        TokenResponse.LockedOut => "Locked",
        TokenResponse.PowerOff => "",
        _ => throw new ArgumentOutOfRangeException(nameof(response), response, "Unknown token response."),
    };
}

/// <summary>
/// What entering a token did: the response code, what the display shows (for a pending key change the section awaited,
/// "PLS 2nd"; for a test token each thing asked for), and the words of the event it logged.
/// </summary>
public sealed record TokenOutcome(TokenResponse Response, string Display, string Detail, IReadOnlyList<string> Shown)
{
    public bool Accepted => Response.IsAccepted();

    public override string ToString() => $"{Display}: {Detail}";
}
