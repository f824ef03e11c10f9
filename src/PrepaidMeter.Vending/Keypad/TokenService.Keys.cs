using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Keypad;

/// <summary>Key changes and management tokens: an administrator's (docs/vending.md, "Keypad tokens", KC1–KC6 and M1–M4).</summary>
public sealed partial class TokenService
{
    /// <summary>
    /// Moves a token account's meter to another of its group's keys (by key revision and base date; the group's newest when
    /// neither is given): the key change tokens (2 for a 64-bit decoder key, 4 for a 128-bit one) under the meter's current
    /// key, then, when <paramref name="credit"/> is given, a credit token sold under the new key with them. The rollover bit is
    /// set exactly when the base date moves on; the meter then forgets its token identifiers, and so do the books.
    /// </summary>
    public VendResult<KeyChangeIssued> ChangeKey(OperatorSession session, long accountId, int? keyRevision, BaseDate? baseDate, PurchaseRequest? credit)
    {
        ArgumentNullException.ThrowIfNull(session);
        // token-keys first, then sales for the credit token: a refusal names the first function lacking, in this order.
        if (session.Check(Permission.TokenKeys) is { } mayNotChange)
        {
            return mayNotChange;
        }

        if (credit is not null && session.Check(Permission.Sales) is { } mayNotSell)
        {
            return mayNotSell;
        }

        return _context.Sell(session, Permission.TokenKeys, scope => Found(scope, accountId).Then<KeyChangeIssued>(found =>
        {
            var keys = TokenGroupService.Keys(scope.Connection, scope.Transaction, found.Group.Code);
            var target = keyRevision is null && baseDate is null ? keys[0] : TokenGroupService.Matching(keys, keyRevision, baseDate);
            if (target is null)
            {
                return Refuse.NotFound($"supply group {found.Group.Code} has no token key of {TokenGroupService.Naming(keyRevision, baseDate)}");
            }

            if (target.Id == found.Key.Id)
            {
                return Refuse.Conflict($"the meter of account {accountId} holds that key already ({found.Key.Describe()})");
            }

            if (target.Base < found.Key.Base)
            {
                return Refuse.Conflict($"the meter's base date is {(int)found.Key.Base}; a key change never moves it back to {(int)target.Base}");
            }

            // KC1: what the meter gets is a decoder key, not a row of the books. Two rows may derive the same one (DKGA02 does not
            // read the base date): with the rollover bit the meter would clear its TID memory under the key it keeps, and
            // every token it took before would load again.
            if (TokenKeys.SameDecoderKey(found.Group.Code, found.Meter.Iin, found.Meter.Drn, found.Key, target))
            {
                return Refuse.Conflict(
                    $"the meter of account {accountId} would get the decoder key it holds ({found.Key.Describe()} and {target.Describe()} derive the same one: same vending key, KT, TI and KRN); a key change must change the key");
            }

            // KC1 too: a base date that has not begun names no minute of now: every later token would be refused until it begins.
            if (scope.Now < target.Base.Start())
            {
                return Refuse.Conflict(
                    $"the key of revision {target.KeyRevision} has base date {(int)target.Base}, which has not begun (it begins {target.Base.Start().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}): a meter moved to it could be sold no token until then");
            }

            var rollover = target.Base != found.Key.Base;
            var issuer = found.Issuer(scope);
            var newKey = TokenKeys.DecoderKey(TokenKeys.Identity(found.Group.Code, found.Meter.Iin, found.Meter.Drn, target), target);
            var tokens = new List<IssuedToken>();
            var sections = KeyChangeTokens.For(newKey, TokenKeys.Identity(found.Group.Code, found.Meter.Iin, found.Meter.Drn, target), rollover);
            for (var i = 0; i < sections.Count; i++)
            {
                // Key change tokens go under the key the meter holds now; they carry no token identifier.
                tokens.Add(issuer.Issue(sections[i], IssuedKinds.KeySection(i + 1), null, null, null, null, $"key change token {i + 1} of {sections.Count}"));
            }

            var from = found.Key.ToModel();
            issuer.MoveTo(target, rollover);
            scope.Log("token key change", $"account {accountId}",
                $"{sections.Count} key change tokens: from {found.Key.Describe()} to {target.Describe()}{(rollover ? ", rollover (new base date: the meter's token identifiers start again)" : "")}");
            TokenReceipt? sold = null;
            if (credit is { } request)
            {
                var moved = found with { Key = target };
                var sale = SellOn(scope, moved, request, Money.FromHundredths(found.Account.Arrears), SaleKind.Sale, null, "enter the key change tokens first, in order, then this credit token", issuer);
                if (!sale.Success)
                {
                    return sale.Refusal;
                }

                sold = sale.Value;
            }

            return new KeyChangeIssued(accountId, from, target.ToModel(), rollover, tokens, sold);
        }));
    }

    /// <summary>
    /// Issues a management token to a token account's meter (an administrator's, with a reason): a power limit or a phase
    /// unbalance limit in watts (rounded up to what the token carries, as amounts are), clear credit (every register), clear tamper.
    /// </summary>
    public VendResult<IssuedToken> Manage(OperatorSession session, long accountId, ManagementAct act, long? watts, string reason) =>
        _context.Write<IssuedToken>(session, Permission.TokenManagement, scope => Reason(reason).Then(_ => Found(scope, accountId)).Then<IssuedToken>(found =>
        {
            if (!Enum.IsDefined(act))
            {
                return Refuse.Invalid("a management token sets a power limit or a phase unbalance limit, or clears credit or tamper");
            }

            if (act.TakesWatts() != watts.HasValue)
            {
                return Refuse.Invalid(act.TakesWatts() ? $"{act.Name()} needs the limit in watts" : $"{act.Name()} takes no watts");
            }

            ushort value = 0;
            long? units = null;
            if (watts is { } w)
            {
                if (TransferAmount.RoundedUp(w) is not { } limit)
                {
                    return Refuse.Invalid($"a limit is 0 to {TransferAmount.Largest} W, not {w}");
                }

                (value, units) = (limit.Field, limit.Units);
            }
            else if (act == ManagementAct.ClearCredit)
            {
                value = ManagementToken.AllRegisters;
            }

            var issuer = found.Issuer(scope);
            var tid = issuer.NextId();
            if (!tid.Success)
            {
                return tid.Refusal;
            }

            var kind = act switch
            {
                ManagementAct.SetPowerLimit => ManagementKind.SetMaximumPowerLimit,
                ManagementAct.ClearCredit => ManagementKind.ClearCredit,
                ManagementAct.ClearTamper => ManagementKind.ClearTamperCondition,
                _ => ManagementKind.SetMaximumPhasePowerUnbalanceLimit,
            };
            var what = IssuedKinds.What(act.Name(), units, "");
            var token = issuer.Issue(new ManagementToken(kind, TokenIssuer.Random(), tid.Value, value), act.Name(), tid.Value, units, null, reason.Trim(), what);
            scope.Log("token management", $"account {accountId}", $"{what}, TID {tid.Value}; reason: {reason.Trim()}");
            return token;
        }));
}
