using PrepaidMeter.Cards.Records;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Lab.Certification;

/// <summary>
/// A token model's clauses: one or more for each rule TK1–TK16 of docs/meter-rules.md, judged by typing tokens the lab makes
/// with the engine at the model's meter — the meter-side facts the STS engine's vectors stand for (a mistyped or another
/// meter's token refused, used, old, key expired, overflow, key change order, rollover).
/// </summary>
public static partial class CertificationSuite
{
    private static IEnumerable<CertificationClause> TokenClauses(ModelFacts m)
    {
        var model = m.Model;
        var rule = model.Token!;
        var unit = model.CreditUnit;
        var limit = model.Defaults.PurchaseLimit.Hundredths > 0 ? Math.Min(rule.CreditRegisterLimit, model.Defaults.PurchaseLimit.Hundredths) : rule.CreditRegisterLimit;
        var amount = Tenths(Math.Clamp(limit / 4, 10, 10_00));
        var over = Tenths(limit - m.Preset + 10_00);
        var full = rule.Algorithm == EncryptionAlgorithm.Misty1 ? 4 : 2;
        var own = model.Utility switch
        {
            Core.Utility.Water => CreditKind.Water,
            Core.Utility.Gas => CreditKind.Gas,
            _ => CreditKind.Electricity,
        };
        TokenOrder Credit(long hundredths) => new() { What = TokenWhat.Credit, Credit = hundredths, CreditUnit = unit };
        Func<ScenarioStep, ScenarioStep> Enter(TokenOrder order) => x => x with { Token = order };
        Func<ScenarioStep, ScenarioStep> Change(KeyChangeOrder order) => x => x with { KeyChange = order };
        var tidNow = TokenIdentifier.At(m.Start, rule.BaseDate)?.Minutes ?? 0;
        var otherCode = ((int.Parse(rule.ManufacturerCode, System.Globalization.CultureInfo.InvariantCulture) + 1) % (rule.ManufacturerCode.Length == 2 ? 100 : 10_000))
            .ToString(rule.ManufacturerCode.Length == 2 ? "D2" : "D4", System.Globalization.CultureInfo.InvariantCulture);

        yield return m.Clause("TK1", "A new token meter takes a token made for its DRN with its key, revision and base date", s => s
            .Add(StepKind.EnterToken, Enter(Credit(amount)), new Expectation
            {
                Token = TokenResponse.Accepted, RemainingChange = amount, KeyRevision = rule.KeyRevision, BaseDate = (int)rule.BaseDate, KeyExpiry = rule.KeyExpiry,
            }));
        yield return m.Clause("TK2", "The keypad: a slip taken back with backspace is entered right; an entry short of 20 digits is refused", s => s
            .Add(StepKind.EnterToken, Enter(Credit(amount) with { WithBackspace = true }), new Expectation { Token = TokenResponse.Accepted, RemainingChange = amount })
            .Add(StepKind.EnterToken, Enter(new TokenOrder { What = TokenWhat.Keys, Keys = "1234567890123456789B#" }), new Expectation { Token = TokenResponse.Reject, RemainingChange = 0 }));
        yield return m.Clause("TK3, TK4", "A mistyped token and another meter's token are refused by the CRC and change nothing", s => s
            .Add(StepKind.EnterToken, Enter(Credit(amount) with { Mistype = 11 }), new Expectation { Token = TokenResponse.Reject, Display = "Reject", RemainingChange = 0, TidsKept = 0 })
            .Add(StepKind.EnterToken, Enter(Credit(amount) with { ForMeter = ModelFacts.SecondMeter }), new Expectation { Token = TokenResponse.Reject, RemainingChange = 0, TidsKept = 0 }));
        yield return m.Clause("TK5", "The same token again is used; a token older than every TID kept while the memory is full is old", s => s
            .Add(StepKind.MakeToken, Enter(Credit(amount) with { KeepAs = "early" }), note: "made first, entered last")
            .Add(StepKind.EnterToken, Enter(Credit(amount) with { KeepAs = "first" }), new Expectation { Token = TokenResponse.Accepted, RemainingChange = amount, TidsKept = 1 })
            .Add(StepKind.EnterToken, Enter(new TokenOrder { What = TokenWhat.Kept, Kept = "first" }), new Expectation { Token = TokenResponse.Used, Display = "Used", RemainingChange = 0 })
            .Add(StepKind.EnterToken, Enter(Credit(10) with { Count = rule.TidMemory }), new Expectation { Token = TokenResponse.Accepted, RemainingChange = 10L * rule.TidMemory, TidsKept = rule.TidMemory })
            .Add(StepKind.EnterToken, Enter(new TokenOrder { What = TokenWhat.Kept, Kept = "early" }), new Expectation { Token = TokenResponse.Old, Display = "Old", RemainingChange = 0 }));
        yield return m.Clause("TK6", "Credit adds to the one register; the purchase count is the cards'", s => s
            .Add(StepKind.EnterToken, Enter(Credit(amount) with { Count = 2 }), new Expectation { Tokens = [TokenResponse.Accepted, TokenResponse.Accepted], RemainingChange = 2 * amount, PurchaseCount = 0 }));
        yield return m.Clause("TK7", "A token the credit register cannot hold is an overflow, and its TID is not kept", s => s
            .Add(StepKind.EnterToken, Enter(Credit(over)), new Expectation { Token = TokenResponse.Overflow, Display = "Overflow", RemainingChange = 0, TidsKept = 0 }));
        yield return m.Clause("TK8", "Credit of another utility or of time is refused", s => s
            .Add(StepKind.EnterToken, Enter(Credit(amount) with { OtherKind = own == CreditKind.Electricity ? CreditKind.Water : CreditKind.Electricity }),
                new Expectation { Token = TokenResponse.WrongUtility, RemainingChange = 0 })
            .Add(StepKind.EnterToken, Enter(Credit(amount) with { OtherKind = CreditKind.Time }), new Expectation { Token = TokenResponse.WrongUtility, RemainingChange = 0, TidsKept = 0 }));
        yield return m.Clause("TK9", "Management tokens: a power limit set, the credit cleared", s => s
            .Add(StepKind.EnterToken, Enter(Credit(amount)), new Expectation { Token = TokenResponse.Accepted })
            .Add(StepKind.EnterToken, Enter(new TokenOrder { What = TokenWhat.Management, Management = ManagementKind.SetMaximumPowerLimit, Value = 3000 }),
                new Expectation { Token = TokenResponse.Accepted, RemainingChange = 0, TidsKept = 2 })
            .Add(StepKind.EnterToken, Enter(new TokenOrder { What = TokenWhat.Management, Management = ManagementKind.ClearCredit, Value = ManagementToken.AllRegisters }),
                new Expectation { Token = TokenResponse.Accepted, Remaining = 0, TidsKept = 3 }));
        yield return full == 2
            ? m.Clause("TK10", "An EA07 meter takes a set of two sections: a 3rd section is refused", s => s
                .Add(StepKind.KeyChange, Change(new KeyChangeOrder { Sections = [3] }), new Expectation { Tokens = [TokenResponse.Reject], KeyRevision = rule.KeyRevision }))
            : m.Clause("TK10", "An EA11 meter takes a set of four sections: two are not enough", s => s
                .Add(StepKind.KeyChange, Change(new KeyChangeOrder { Sections = [1, 2] }), new Expectation { Tokens = [TokenResponse.KeyChangePending, TokenResponse.KeyChangePending], KeyRevision = rule.KeyRevision }));
        int[] most = full == 2 ? [1] : [1, 2, 3];
        int[] rest = full == 2 ? [2] : [4];
        yield return m.Clause("TK11", "Sections in any order complete a set; a section older than the window is forgotten", s => s
            .Add(StepKind.KeyChange, Change(new KeyChangeOrder { Sections = most }), new Expectation { Token = TokenResponse.KeyChangePending })
            .Add(StepKind.Advance, x => x with { Duration = rule.KeyChangeWindow + TimeSpan.FromMinutes(1) })
            .Add(StepKind.KeyChange, Change(new KeyChangeOrder { Sections = rest }), new Expectation { Token = TokenResponse.KeyChangePending, KeyRevision = rule.KeyRevision },
                "the first sections were forgotten: the set is not complete")
            .Add(StepKind.KeyChange, Change(new KeyChangeOrder { Sections = [.. Enumerable.Range(1, full).Reverse()] }),
                new Expectation { Token = TokenResponse.Accepted, KeyRevision = (rule.KeyRevision % 9) + 1 }, "the whole set, last section first"));
        yield return m.Clause("TK12", "A completed set installs the next key: old-key tokens refused, credit under the new key taken, TIDs kept", s => s
            .Add(StepKind.EnterToken, Enter(Credit(amount)), new Expectation { Token = TokenResponse.Accepted, TidsKept = 1 })
            .Add(StepKind.MakeToken, Enter(Credit(amount) with { KeepAs = "oldKey" }))
            .Add(StepKind.KeyChange, Change(new KeyChangeOrder { Credit = amount, CreditUnit = unit }), new Expectation
            {
                Tokens = [.. Enumerable.Repeat(TokenResponse.KeyChangePending, full - 1), TokenResponse.Accepted, TokenResponse.Accepted],
                KeyRevision = (rule.KeyRevision % 9) + 1, BaseDate = (int)rule.BaseDate, TidsKept = 2, RemainingChange = amount, Events = [MeterEventKind.KeyChanged],
            })
            .Add(StepKind.EnterToken, Enter(new TokenOrder { What = TokenWhat.Kept, Kept = "oldKey" }), new Expectation { Token = TokenResponse.Reject, RemainingChange = 0 }));
        var nextBase = rule.BaseDate switch { BaseDate.Year1993 => 2014, _ => 2035 };
        yield return m.Clause("TK12", "A set with the rollover bit moves the base date on and empties the TID memory" + (rule.BaseDate == BaseDate.Year2035 ? "; from 2035 it is refused" : ""), s => s
            .Add(StepKind.EnterToken, Enter(Credit(amount)), new Expectation { Token = TokenResponse.Accepted, TidsKept = 1 })
            .Add(StepKind.KeyChange, Change(new KeyChangeOrder { Rollover = true }), rule.BaseDate == BaseDate.Year2035
                ? new Expectation { Token = TokenResponse.Reject, BaseDate = 2035, TidsKept = 1 }
                : new Expectation { Token = TokenResponse.Accepted, BaseDate = nextBase, TidsKept = 0, RemainingChange = 0 }));
        if (tidNow >> 16 > 0)
        {
            var ken = (tidNow >> 16) - 1;
            yield return m.Clause("TK3, TK4", "A token past the key expiry number is refused as key expired", s => s
                .Add(StepKind.KeyChange, Change(new KeyChangeOrder { KeyExpiry = ken, Credit = amount, CreditUnit = unit }), new Expectation
                {
                    Tokens = [.. Enumerable.Repeat(TokenResponse.KeyChangePending, full - 1), TokenResponse.Accepted, TokenResponse.KeyExpired],
                    Display = "Key Exp", KeyExpiry = ken, RemainingChange = 0, TidsKept = 0,
                }, $"KEN {ken}: every TID of this minute has top 8 bits {tidNow >> 16}"));
        }

        yield return m.Clause("TK13", "A test token runs without a TID; another manufacturer's code is refused", s => s
            .Add(StepKind.EnterToken, Enter(new TokenOrder { What = TokenWhat.Test, TestControl = 0, Count = 2 }), new Expectation { Tokens = [TokenResponse.Tested, TokenResponse.Tested], TidsKept = 0, RemainingChange = 0 })
            .Add(StepKind.EnterToken, Enter(new TokenOrder { What = TokenWhat.Test, TestControl = 0, ManufacturerCode = otherCode }), new Expectation { Token = TokenResponse.ManufacturerCodeError, Display = "Mfr Err" }));
        yield return m.Clause("TK14", "Invalid entries in a row lock the keypad; a token typed while locked is not looked at; the lock ends", s => s
            .Add(StepKind.EnterToken, Enter(new TokenOrder { What = TokenWhat.Keys, Keys = string.Concat(Enumerable.Repeat("1#", rule.Lockout.After)) }),
                new Expectation { Tokens = [.. Enumerable.Repeat(TokenResponse.Reject, rule.Lockout.After)] })
            .Add(StepKind.EnterToken, Enter(Credit(amount)), new Expectation { Token = TokenResponse.LockedOut, Display = "Locked", RemainingChange = 0 })
            .Add(StepKind.Advance, x => x with { Duration = rule.Lockout.LockFor(rule.Lockout.After) + TimeSpan.FromSeconds(1) })
            .Add(StepKind.EnterToken, Enter(Credit(amount)), new Expectation { Token = TokenResponse.Accepted, RemainingChange = amount }));
        yield return m.Clause("TK15", "The TID memory survives a power cut; without power the keypad does nothing", s => s
            .Add(StepKind.EnterToken, Enter(Credit(amount) with { KeepAs = "t" }), new Expectation { Token = TokenResponse.Accepted })
            .Do(StepKind.CutPower)
            .Add(StepKind.EnterToken, Enter(Credit(amount)), new Expectation { Token = TokenResponse.PowerOff, RemainingChange = 0 })
            .Do(StepKind.RestorePower)
            .Add(StepKind.EnterToken, Enter(new TokenOrder { What = TokenWhat.Kept, Kept = "t" }), new Expectation { Token = TokenResponse.Used, RemainingChange = 0, TidsKept = 1 }));
        if (!model.TakesCards)
        {
            yield return m.Clause("TK16", "A keypad-only meter refuses every card", s => s
                .Do(StepKind.BlankCard, new Expectation { Result = MeterResult.BadCard, RemainingChange = 0 }));
            yield break;
        }

        yield return m.Clause("TK16", "Cards and tokens load one credit register, each at most once", s => m.Opened(s)
            .Add(StepKind.EnterToken, Enter(Credit(amount) with { KeepAs = "t" }), new Expectation { Token = TokenResponse.Accepted, RemainingChange = amount, PurchaseCount = 1 })
            .Add(StepKind.Sell, x => x with { Purchase = m.Purchase(m.Next) })
            .Do(StepKind.Swipe, new Expectation { Result = MeterResult.Loaded, RemainingChange = m.Next, PurchaseCount = 2 })
            .Add(StepKind.EnterToken, Enter(new TokenOrder { What = TokenWhat.Kept, Kept = "t" }), new Expectation { Token = TokenResponse.Used, RemainingChange = 0 })
            .Do(StepKind.Swipe, new Expectation { Result = MeterResult.AlreadyLoaded, RemainingChange = 0, Remaining = m.Preset + m.First + amount + m.Next }));
    }

    /// <summary>Hundredths rounded down to whole tenths: what a token carries.</summary>
    private static long Tenths(long hundredths) => hundredths / 10 * 10;

    /// <summary>The card and load clauses a keypad-only model is not certified against: it has no card reader (rule TK16).</summary>
    private static IReadOnlyList<(string Rule, string Why)> NoCardClauses()
    {
        const string Cards = "a keypad-only meter has no card reader: no set, user or tool card reaches it (TK16 checks that a card is refused)";
        const string Credit = "these clauses load credit with cards and run it down under a load; the token clauses load it with tokens";
        return
        [
            ("L2", Cards), ("L3, U1, U6", Cards), ("U2", Cards), ("U3", Cards), ("U4", Cards), ("U5", Cards), ("L6", Cards), ("L4", Cards), ("L5", Cards),
            ("C1", Cards), ("C2", Cards), ("C3", Cards), ("T1", Cards), ("T2", Cards), ("T3", Cards),
            ("R1, R2, R3", "the remote clauses restore the relay with a card"), ("R5", Cards), ("N2", Cards), ("N3", "N3 swipes a card; TK15 checks the keypad without power"),
            ("A1, A2, U7 / A1, A2, A3", Credit), ("E1, E2", Credit), ("P1, P2, P3, P4", Credit), ("S1, F1", Credit),
        ];
    }
}
