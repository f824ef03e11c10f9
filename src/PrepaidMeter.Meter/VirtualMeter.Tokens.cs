using System.Globalization;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Meter;

public sealed partial class VirtualMeter
{
    // The codec for the key the meter holds, made again only when a key change installs a new one.
    private (System.Collections.Immutable.ImmutableArray<byte> Key, TokenCodec Codec)? _codec;

    private TokenRule TokenRule => Model.Token ?? throw new InvalidOperationException($"model {Model.Id} takes no tokens: check Model.TakesTokens first.");

    private TokenMemory TokenState
    {
        get => _registers.Tokens ?? throw new InvalidOperationException("a token model's meter without its token memory");
        set => _registers.Tokens = value;
    }

    /// <summary>
    /// A token entered at the keypad (rules TK2–TK15): <paramref name="entry"/> as typed, its 20 digits with any spaces or
    /// dashes between. The meter decides, logs an event, commits, and answers with the code its display shows.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model takes no tokens.</exception>
    public TokenOutcome EnterToken(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var rule = TokenRule;
        if (!IsPowered)
        {
            return new(TokenResponse.PowerOff, "", "the meter has no power", []);
        }

        var number = TokenNumber.Parse(entry);
        // The class bits are readable without the key: a locked keypad still takes test tokens (rule TK14).
        var isTest = number is { } n && TokenCodec.ClassOf(n) == TokenClass.InitiateMeterTest;
        TokenVerdict verdict;
        if (TokenState.LockedUntil is { } until && _registers.Clock < until && !isTest)
        {
            verdict = new(TokenResponse.LockedOut, "unread", $"the keypad is locked until {until:yyyy-MM-dd HH:mm:ss}Z after {TokenState.InvalidInARow} invalid entries");
        }
        else if (number is not { } token)
        {
            var digits = entry.Count(char.IsAsciiDigit);
            verdict = new(TokenResponse.Reject, "incomplete", digits == TokenNumber.Digits && entry.All(c => char.IsAsciiDigit(c) || c is ' ' or '-')
                ? "20 digits above the largest 66-bit token"
                : $"{digits} digits{(entry.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-')) ? " and other characters" : "")}: a token is 20 digits");
        }
        else
        {
            verdict = Decide(rule, Codec().Decode(token));
        }

        return FinishToken(rule, verdict);
    }

    /// <summary>What the meter decided about one entry: the response, what kind of token it was, and in words why.</summary>
    private readonly record struct TokenVerdict(TokenResponse Response, string What, string Detail, IReadOnlyList<string>? Shown = null, string? Display = null);

    private TokenVerdict Decide(TokenRule rule, TokenDecoding decoding)
    {
        if (!decoding.Succeeded)
        {
            return new(TokenResponse.Reject, "undecodable", decoding.Failure switch
            {
                TokenDecodeFailure.CrcMismatch => "the CRC does not hold under this meter's key: mistyped, or another meter's token",
                TokenDecodeFailure.ReservedClass => "class 3 is reserved by the standard",
                _ => $"a subclass this meter does not take ({(decoding.Data as UnknownToken)?.Subclass.ToString(CultureInfo.InvariantCulture) ?? "unknown"})",
            });
        }

        return decoding.Data switch
        {
            MeterTestToken test => RunTestToken(rule, test),
            CreditToken credit => WithTid($"{credit.Kind} credit", credit.Id, () => CreditFits(rule, credit), () => LoadToken(credit)),
            ManagementToken management => WithTid(management.Kind.ToString(), management.Id, () => ManagementFits(management), () => Manage(management)),
            FirstKeySection or SecondKeySection or ThirdKeySection or FourthKeySection => KeySection(rule, decoding.Data),
            _ => new(TokenResponse.Reject, "unknown", "a token this meter does not take"),
        };
    }

    /// <summary>
    /// Rules TK4–TK6, in this order: the token's kind fits the meter (<paramref name="fits"/>), its TID is within the key's
    /// expiry, not kept (used), not older than all kept while the memory is full (old); then <paramref name="act"/> may
    /// still refuse (overflow); only an accepted token's TID is kept.
    /// </summary>
    private TokenVerdict WithTid(string what, TokenIdentifier id, Func<TokenVerdict?> fits, Func<TokenVerdict> act)
    {
        var named = string.Create(CultureInfo.InvariantCulture, $"{what} TID {id.Minutes}");
        if (fits() is { } refused)
        {
            return refused with { What = named };
        }

        var memory = TokenState;
        if ((id.Minutes >> 16) > memory.KeyExpiry)
        {
            return new(TokenResponse.KeyExpired, named, string.Create(CultureInfo.InvariantCulture, $"TID {id.Minutes} ({id.Moment(memory.BaseDate):yyyy-MM-dd HH:mm}) is past the key expiry number {memory.KeyExpiry}"));
        }

        if (TidMemory.Check(memory.Tids, TokenRule.TidMemory, id.Minutes) is { } seen)
        {
            return new(seen, named, seen == TokenResponse.Used
                ? "this token was accepted before (its TID is in the TID memory)"
                : string.Create(CultureInfo.InvariantCulture, $"TID {id.Minutes} is older than the oldest kept ({memory.Tids[0]}) and the TID memory is full"));
        }

        var verdict = act() with { What = named };
        if (verdict.Response == TokenResponse.Accepted)
        {
            TokenState = TokenState with { Tids = TidMemory.Add(TokenState.Tids, TokenRule.TidMemory, id.Minutes) };
        }

        return verdict;
    }

    private TokenOutcome FinishToken(TokenRule rule, TokenVerdict verdict)
    {
        var memory = TokenState;
        if (verdict.Response.CountsAsInvalid())
        {
            var invalid = memory.InvalidInARow + 1;
            var lockFor = rule.Lockout.LockFor(invalid);
            memory = memory with { InvalidInARow = invalid, LockedUntil = lockFor > TimeSpan.Zero ? _registers.Clock + lockFor : memory.LockedUntil };
            if (lockFor > TimeSpan.Zero)
            {
                verdict = verdict with { Detail = string.Create(CultureInfo.InvariantCulture, $"{verdict.Detail}; {invalid} invalid entries: keypad locked for {lockFor.TotalSeconds:0} s") };
            }
        }
        else if (verdict.Response is TokenResponse.Accepted or TokenResponse.KeyChangePending)
        {
            memory = memory with { InvalidInARow = 0, LockedUntil = null };
        }

        TokenState = memory;
        var display = verdict.Display ?? verdict.Response.Display();
        AddEvent(MeterEventKind.TokenEntered, $"{verdict.What} token: {verdict.Response}");
        Commit();
        return new(verdict.Response, display, verdict.Detail, verdict.Shown ?? []);
    }

    /// <summary>Rule TK14: a power-up ends a lock-out, as on the meters whose practice the rule follows.</summary>
    private void UnlockKeypadOnPowerUp()
    {
        if (_registers.Tokens is { } memory && (memory.InvalidInARow > 0 || memory.LockedUntil is not null))
        {
            _registers.Tokens = memory with { InvalidInARow = 0, LockedUntil = null };
        }
    }

    private TokenCodec Codec()
    {
        var key = TokenState.Key;
        if (_codec is not { } cached || cached.Key != key)
        {
            cached = (key, new TokenCodec(TokenState.DecoderKey.Cipher()));
            _codec = cached;
        }

        return cached.Codec;
    }

    private Tokens.TokenSnapshot? TokenSide()
    {
        if (_registers.Tokens is not { } m)
        {
            return null;
        }

        return new(m.Iin, m.Drn, m.Algorithm, m.KeyType, m.SupplyGroup, m.TariffIndex, m.KeyRevision, m.BaseDate, m.KeyExpiry,
            m.Tids.Length, TokenRule.TidMemory, m.Tids.IsEmpty ? null : m.Tids[^1], m.InvalidInARow, m.LockedUntil,
            [.. m.Pending.Select(p => SectionName(p.Subclass))], m.TariffRate, m.WaterFactor, m.PhaseUnbalanceWatts,
            new(Model.CreditUnit, m.ClearedCredit));
    }
}
