namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// A token's identifier (TID): the minutes from its base date to the minute it was issued, in 24 bits. A meter keeps the
/// most recent identifiers it accepted and refuses a token whose identifier it has seen ("used") or that is older than
/// all it keeps ("old"), so no two tokens for one meter may share an identifier — see <see cref="Next"/>.
/// </summary>
public readonly record struct TokenIdentifier : IComparable<TokenIdentifier>
{
    public const int Largest = (1 << 24) - 1;

    public TokenIdentifier(int minutes)
    {
        if (minutes is < 0 or > Largest)
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "a token identifier is 24 bits");
        }

        Minutes = minutes;
    }

    public int Minutes { get; }

    /// <summary>The identifier of a token issued at <paramref name="moment"/>; null before the base date or past its last minute.</summary>
    public static TokenIdentifier? At(DateTimeOffset moment, BaseDate baseDate)
    {
        var minutes = Math.Floor((moment - baseDate.Start()).TotalMinutes);
        return minutes is < 0 or > Largest ? null : new TokenIdentifier((int)minutes);
    }

    /// <summary>
    /// The identifier for the next token to one meter: the minute of <paramref name="moment"/>, or one minute after the
    /// meter's last token when that one already took this minute (or a later one: a clock set back must not make a token
    /// the meter refuses as old). Null when the base date's 24 bits are spent — the meter needs a key with a later base date.
    /// </summary>
    public static TokenIdentifier? Next(DateTimeOffset moment, BaseDate baseDate, TokenIdentifier? last)
    {
        var now = At(moment, baseDate);
        if (now is null && moment < baseDate.Start())
        {
            return null;
        }

        var minutes = Math.Max(now?.Minutes ?? Largest + 1, last is { } previous ? previous.Minutes + 1 : 0);
        return minutes > Largest ? null : new TokenIdentifier(minutes);
    }

    public DateTimeOffset Moment(BaseDate baseDate) => baseDate.Start().AddMinutes(Minutes);

    public int CompareTo(TokenIdentifier other) => Minutes.CompareTo(other.Minutes);

    public static bool operator <(TokenIdentifier left, TokenIdentifier right) => left.Minutes < right.Minutes;

    public static bool operator >(TokenIdentifier left, TokenIdentifier right) => left.Minutes > right.Minutes;

    public static bool operator <=(TokenIdentifier left, TokenIdentifier right) => left.Minutes <= right.Minutes;

    public static bool operator >=(TokenIdentifier left, TokenIdentifier right) => left.Minutes >= right.Minutes;

    public override string ToString() => Minutes.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
