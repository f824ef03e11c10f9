using System.Security.Cryptography;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Keypad;

/// <summary>
/// Issues tokens to one meter inside a write: each takes the next token identifier (the engine's same-minute rule: the
/// minute now, or one past the meter's last token), is encoded under the meter's decoder key, kept in <c>tokens</c>, and
/// moves the meter's last identifier. Key change sections carry no identifier and leave it as it is.
/// </summary>
internal sealed class TokenIssuer
{
    private readonly WriteScope _scope;
    private readonly string _groupCode;
    private readonly TokenMeterRow _meter;

    public TokenIssuer(WriteScope scope, string groupCode, TokenMeterRow meter, TokenKeyRow key)
    {
        _scope = scope;
        _groupCode = groupCode;
        _meter = meter;
        Key = key;
        Last = meter.Last;
    }

    /// <summary>The key the tokens are encrypted under: the meter's, until a key change moves it.</summary>
    public TokenKeyRow Key { get; private set; }

    /// <summary>The meter's last token identifier, under <see cref="Key"/>'s base date.</summary>
    public TokenIdentifier? Last { get; private set; }

    /// <summary>The identifier the next token takes, or why none can be: the base date's minutes spent, or the key expired (KEN).</summary>
    public VendResult<TokenIdentifier> NextId()
    {
        if (_scope.Now < Key.Base.Start())
        {
            return Refuse.Conflict($"the meter's key has base date {(int)Key.Base}, which has not begun: no token identifier names this minute");
        }

        if (TokenIdentifier.Next(_scope.Now, Key.Base, Last) is not { } next)
        {
            return Refuse.Conflict($"the meter's key has base date {(int)Key.Base}, whose token identifiers are spent: the meter needs a key change to a key of a later base date (vend token keychange; it sets the rollover bit)");
        }

        // KEN: the meter refuses a token whose identifier's top 8 bits pass the key's expiry number (255 never expires).
        return (next.Minutes >> 16) > Key.KeyExpiry
            ? Refuse.Conflict($"the meter's key expired (key expiry number {Key.KeyExpiry}, this minute's {next.Minutes >> 16}): it needs a key change (vend token keychange)")
            : next;
    }

    /// <summary>A random number for a token's RND field (it makes two tokens of one amount and minute differ).</summary>
    public static int Random() => RandomNumberGenerator.GetInt32(16);

    /// <summary>Encodes and keeps one token; <paramref name="tid"/> moves the meter's last identifier when the token carries one.</summary>
    public IssuedToken Issue(TokenData data, string kind, TokenIdentifier? tid, long? units, long? saleId, string? reason, string what)
    {
        var meter = TokenKeys.Identity(_groupCode, _meter.Iin, _meter.Drn, Key);
        var number = TokenKeys.Codec(meter, Key).Encode(data);
        var id = _scope.InsertCovered(AuditedTable.Tokens,
            """
            INSERT INTO tokens (account_id, sale_id, kind, token, tid, key_id, units, reason, operator, at)
            VALUES (@AccountId, @saleId, @kind, @token, @tid, @keyId, @units, @reason, @op, @at)
            """,
            new { _meter.AccountId, saleId, kind, token = number.ToDigits(), tid = (long?)tid?.Minutes, keyId = Key.Id, units, reason, op = _scope.Operator, at = _scope.Stamp });
        if (tid is { } moved)
        {
            Last = moved;
            _scope.ExecuteCovered(AuditedTable.TokenMeters, "UPDATE token_meters SET last_tid = @tid WHERE account_id = @AccountId", new { tid = (long)moved.Minutes, _meter.AccountId });
        }

        return new IssuedToken(id, number.ToString(), kind, tid?.Minutes, what);
    }

    /// <summary>
    /// The meter holds <paramref name="key"/> from now on (after its key change tokens): later tokens are encrypted under it.
    /// On a rollover (a new base date) the meter forgets its identifiers, so the books do too.
    /// </summary>
    public void MoveTo(TokenKeyRow key, bool rollover)
    {
        Key = key;
        if (rollover)
        {
            Last = null;
        }

        _scope.ExecuteCovered(AuditedTable.TokenMeters, "UPDATE token_meters SET key_id = @keyId, last_tid = @tid WHERE account_id = @AccountId",
            new { keyId = key.Id, tid = (long?)Last?.Minutes, _meter.AccountId });
    }
}
