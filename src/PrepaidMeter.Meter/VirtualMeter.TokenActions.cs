using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Meter;

public sealed partial class VirtualMeter
{
    /// <summary>A credit token's amount in hundredths of the meter's unit: the token counts tenths (0.1 kWh, 0.1 m³).</summary>
    private static long Hundredths(TransferAmount amount) => amount.Units * 10;

    /// <summary>Rule TK4: the credit kind of the meter's utility — electricity for an energy meter, water or gas for a volume one.</summary>
    private TokenVerdict? CreditFits(TokenRule rule, CreditToken credit)
    {
        var own = Model.Utility switch
        {
            Utility.Water => CreditKind.Water,
            Utility.Gas => CreditKind.Gas,
            _ => CreditKind.Electricity,
        };
        return credit.Kind == own
            ? null
            : new(TokenResponse.WrongUtility, "", $"{credit.Kind} credit for a{(Model.Utility == Utility.Electricity ? "n" : "")} {Model.Utility.Name()} meter");
    }

    /// <summary>Rules TK6, TK7: into the one credit register the cards load, unless it would pass its limit.</summary>
    private TokenVerdict LoadToken(CreditToken credit)
    {
        var amount = new CreditAmount(Model.CreditUnit, Hundredths(credit.Amount));
        var purchaseLimit = _registers.Parameters.PurchaseLimit.Hundredths;
        var limit = purchaseLimit > 0 ? Math.Min(purchaseLimit, TokenRule.CreditRegisterLimit) : TokenRule.CreditRegisterLimit;
        // The load repays outstanding emergency credit first (AddCredit): only what is left of it reaches the register.
        if (_registers.Remaining + amount.Hundredths - _registers.EmergencyOutstanding > limit)
        {
            return new(TokenResponse.Overflow, "", $"{Amount(_registers.Remaining)} + {amount} would pass the register's limit {Amount(limit)}");
        }

        AddCredit(amount.Hundredths);
        AfterCredit();
        return new(TokenResponse.Accepted, "", $"{amount} loaded; remaining {Amount(_registers.Remaining)}");
    }

    /// <summary>What a user card's load does to the credit state and the relay (rules U7, P3), for a token's.</summary>
    private void AfterCredit()
    {
        Reclassify();
        SetReason(OpenReasons.LockedOut, false);
        if (_registers.Remaining > 0)
        {
            _registers.OpenReasons &= ~OpenReasons.RemoteAwaitingCard;
            SetReason(OpenReasons.Alarm2, false);
        }
    }

    /// <summary>Rule TK9: a clear credit names the meter's register or all; a water factor is for a water meter.</summary>
    private TokenVerdict? ManagementFits(ManagementToken token) => token.Kind switch
    {
        ManagementKind.ClearCredit when token.Value != ManagementToken.AllRegisters && token.Value != OwnRegister =>
            new(TokenResponse.WrongUtility, "", string.Create(CultureInfo.InvariantCulture, $"register {token.Value} is not this meter's ({OwnRegister}, or {ManagementToken.AllRegisters} for all)")),
        ManagementKind.SetWaterMeterFactor when Model.Utility != Utility.Water =>
            new(TokenResponse.WrongUtility, "", "a water meter factor for a meter that is not a water meter"),
        _ => null,
    };

    /// <summary>The ClearCredit register value of the meter's one credit register: the credit kind's number (a project choice; Table 28 is not public).</summary>
    private int OwnRegister => Model.Utility switch
    {
        Utility.Water => (int)CreditKind.Water,
        Utility.Gas => (int)CreditKind.Gas,
        _ => (int)CreditKind.Electricity,
    };

    /// <summary>Rule TK9: management tokens act on the registers, relay and limits the tool cards act on.</summary>
    private TokenVerdict Manage(ManagementToken token)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (token.Kind)
        {
            case ManagementKind.SetMaximumPowerLimit:
                var watts = token.Watts!.Value;
                _registers.Parameters = _registers.Parameters with { PowerLimitWatts = checked((uint)watts) };
                return new(TokenResponse.Accepted, "", string.Create(invariant, $"maximum power limit {watts} W"));
            case ManagementKind.ClearCredit:
                var cleared = _registers.Remaining;
                _registers.Remaining = 0;
                TokenState = TokenState with { ClearedCredit = TokenState.ClearedCredit + cleared };
                Reclassify();
                return new(TokenResponse.Accepted, "", $"credit register cleared ({Amount(cleared)} taken off)");
            case ManagementKind.SetTariffRate:
                TokenState = TokenState with { TariffRate = token.Value };
                return new(TokenResponse.Accepted, "", string.Create(invariant, $"tariff rate {token.Value} stored"));
            case ManagementKind.ClearTamperCondition:
                var latched = (_registers.OpenReasons & OpenReasons.Tamper) != 0;
                ClearTamperByToolCard();
                return new(TokenResponse.Accepted, "", latched ? "tamper cleared" : "no tamper was latched");
            case ManagementKind.SetMaximumPhasePowerUnbalanceLimit:
                TokenState = TokenState with { PhaseUnbalanceWatts = token.Watts };
                return new(TokenResponse.Accepted, "", string.Create(invariant, $"phase power unbalance limit {token.Watts} W stored"));
            case ManagementKind.SetWaterMeterFactor:
                TokenState = TokenState with { WaterFactor = token.Value };
                return new(TokenResponse.Accepted, "", string.Create(invariant, $"water meter factor {token.Value} stored"));
            default:
                throw new InvalidOperationException($"Management token {token.Kind} has no rule.");
        }
    }

    /// <summary>
    /// Rule TK13: a class 1 token for this meter's manufacturer runs the tests its control bits ask for (0: all). Table 27 of
    /// the standard, which numbers the tests, is not public; the bits here are this project's (docs/meter-rules.md).
    /// </summary>
    private TokenVerdict RunTestToken(TokenRule rule, MeterTestToken test)
    {
        var own = int.Parse(rule.ManufacturerCode, CultureInfo.InvariantCulture);
        var what = string.Create(CultureInfo.InvariantCulture, $"test (control {test.Control})");
        if (test.TokenSubclass != rule.TestSubclass || test.ManufacturerCode != own)
        {
            return new(TokenResponse.ManufacturerCodeError, what, string.Create(CultureInfo.InvariantCulture,
                $"manufacturer code {test.ManufacturerCode} ({(test.TokenSubclass == 0 ? 2 : 4)} digits), this meter's is {rule.ManufacturerCode}"));
        }

        var shown = new List<string>();
        foreach (var (bit, show) in TestDisplays())
        {
            if (test.Control == 0 || (test.Control & (1UL << bit)) != 0)
            {
                shown.Add(show());
            }
        }

        return shown.Count == 0
            ? new(TokenResponse.Reject, what, "asks only for tests this meter does not have")
            : new(TokenResponse.Tested, what, string.Join("; ", shown), shown);
    }

    private IEnumerable<(int Bit, Func<string> Show)> TestDisplays()
    {
        var invariant = CultureInfo.InvariantCulture;
        yield return (0, () =>
        {
            AddEvent(MeterEventKind.RelayTestCycle, "relay opened and closed by a test token");
            return "relay test: opened and closed";
        });
        yield return (1, () => "display test: 8888 8888");
        yield return (2, () => MeasuresFlow ? $"cumulative volume {PartsSnapshot()?.CumulativeVolume}" : $"cumulative energy {Energy.FromHundredths(_registers.CumulativeEnergy)}");
        yield return (3, () => string.Create(invariant, $"key revision {TokenState.KeyRevision}, key type {TokenState.KeyType}"));
        yield return (4, () => string.Create(invariant, $"tariff index {TokenState.TariffIndex:D2}"));
        yield return (5, () => string.Create(invariant, $"supply group code {TokenState.SupplyGroup:D6}"));
        yield return (6, () => string.Create(invariant, $"power limit {_registers.Parameters.PowerLimitWatts} W"));
        yield return (7, () => string.Create(invariant, $"TID memory {TokenState.Tids.Length} kept{(TokenState.Tids.IsEmpty ? "" : $", newest {TokenState.Tids[^1]}")}"));
        yield return (8, () => $"remaining credit {Amount(_registers.Remaining)}");
    }
}
