using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Lab.Scenarios;

/// <summary>The token steps (makeToken, enterToken, keyChange) read from the file: docs/scenarios.md, "Keypad tokens".</summary>
public static partial class ScenarioParser
{
    /// <summary>The management kinds a scenario may ask for by name; the key change sections are the keyChange step's.</summary>
    private static readonly ManagementKind[] ManagementNames =
    [
        ManagementKind.SetMaximumPowerLimit, ManagementKind.ClearCredit, ManagementKind.SetTariffRate, ManagementKind.ClearTamperCondition,
        ManagementKind.SetMaximumPhasePowerUnbalanceLimit, ManagementKind.SetWaterMeterFactor,
    ];

    private static ScenarioStep ReadTokenStep(JsonFields fields, ScenarioStep step, HashSet<string> tokens)
    {
        var meter = fields.Parsed("meter", MeterNumber.Parse);
        step = step with { Meter = meter };
        if (step.Kind == StepKind.KeyChange)
        {
            return step with { KeyChange = ReadKeyChange(fields) };
        }

        if (step.Kind == StepKind.SellToken)
        {
            return step with { Purchase = ReadPurchase(fields, required: true), TokenSale = ReadTokenSale(fields, tokens) };
        }

        var (credit, unit) = ReadTokenCredit(fields);
        var management = fields.Text("management") is { } named ? ReadManagement(fields, named) : null;
        var value = fields.Parsed("value", ParseTokenValue);
        var test = fields.Parsed("test", text => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            ? ParseResult<ulong>.ForValue(bits) : ParseResult<ulong>.ForError($"'{text}' is not the control bits of a test token (a whole number; 0 for all tests)"));
        var manufacturer = fields.Text("manufacturerCode");
        var kept = step.Kind == StepKind.EnterToken ? fields.Text("token") : null;
        var keys = step.Kind == StepKind.EnterToken ? fields.Text("keys") : null;
        var given = new (string Name, bool Given)[]
        {
            ("energy or volume", credit is not null || fields.Has("energy") || fields.Has("volume")), ("management", fields.Has("management")),
            ("test", fields.Has("test")), ("token", kept is not null), ("keys", keys is not null),
        }.Where(g => g.Given).Select(g => g.Name).ToList();
        if (given.Count != 1)
        {
            var choices = step.Kind == StepKind.EnterToken ? "'energy' or 'volume' (credit), 'management', 'test', 'token' (one kept) or 'keys'" : "'energy' or 'volume' (credit), 'management' or 'test'";
            fields.Error(given.Count == 0 ? $"needs one of {choices}" : $"give one of {choices}, not {string.Join(" and ", given)}");
        }

        var what = kept is not null ? TokenWhat.Kept : keys is not null ? TokenWhat.Keys : management is not null || fields.Has("management") ? TokenWhat.Management
            : fields.Has("test") ? TokenWhat.Test : TokenWhat.Credit;
        if (value is not null && what != TokenWhat.Management)
        {
            fields.Error("'value' goes with 'management': the management token's value");
        }

        if (what == TokenWhat.Management && value is null && management is not (ManagementKind.ClearCredit or ManagementKind.ClearTamperCondition))
        {
            fields.Error("'management' needs 'value' (watts for a power limit, the raw field otherwise); clearCredit and clearTamperCondition default it");
        }

        if (manufacturer is not null && (what != TokenWhat.Test || manufacturer.Length is not (2 or 4) || !manufacturer.All(char.IsAsciiDigit)))
        {
            fields.Error("'manufacturerCode' goes with 'test' and is 2 or 4 digits");
        }

        if (kept is not null && !tokens.Contains(kept))
        {
            fields.Error($"'token': no earlier step keeps a token called '{kept}' (makeToken or enterToken with \"as\")");
        }

        if (keys is not null && keys.Any(k => !(char.IsAsciiDigit(k) || k is 'B' or '#' or ' ' or '-')))
        {
            fields.Error($"'keys': '{keys}' holds a key the keypad has not: digits, B (backspace) and # (enter); spaces and dashes are skipped");
        }
        else if (keys is not null && !keys.Contains('#', StringComparison.Ordinal))
        {
            fields.Error($"'keys': '{keys}' has no # (enter): the meter would never see the digits");
        }

        var mistype = fields.SmallCount("mistype");
        if (mistype is < 1 or > TokenNumber.Digits)
        {
            fields.Error($"'mistype' is the digit typed wrong, 1 to {TokenNumber.Digits} from the left");
        }

        var count = fields.SmallCount("count") ?? 1;
        if (count is < 1 or > 1000)
        {
            fields.Error("'count' is how many tokens are entered, 1 to 1000");
        }

        var order = new TokenOrder
        {
            What = what,
            Credit = credit,
            CreditUnit = unit,
            Management = management,
            Value = value ?? (management == ManagementKind.ClearCredit ? ManagementToken.AllRegisters : 0),
            TestControl = test,
            ManufacturerCode = manufacturer,
            Kept = kept,
            Keys = keys,
            Mistype = mistype,
            ForMeter = fields.Parsed("forMeter", MeterNumber.Parse),
            WithBackspace = step.Kind == StepKind.EnterToken && (fields.Flag("backspace") ?? false),
            Count = count,
            KeepAs = fields.Text("as"),
        };
        if (step.Kind == StepKind.MakeToken && order.KeepAs is null)
        {
            fields.Error("'as' is missing: the name a later enterToken step gives as 'token'");
        }

        if ((order.Keys is not null || order.Kept is not null) && (order.ForMeter is not null || order.Count > 1))
        {
            fields.Error("'forMeter' and 'count' make new tokens: not with 'token' or 'keys'");
        }

        if (order.Keys is not null && (order.Mistype is not null || order.WithBackspace || order.KeepAs is not null))
        {
            fields.Error("'keys' are typed as written: not with 'mistype', 'backspace' or 'as'");
        }

        if (order.KeepAs is { } name)
        {
            tokens.Add(name);
        }

        return step with { Token = order };
    }

    private static TokenSaleOrder ReadTokenSale(JsonFields fields, HashSet<string> tokens)
    {
        var order = new TokenSaleOrder(fields.Text("as"), fields.Flag("enter") ?? false);
        if (order.KeepAs is null && !order.Enter)
        {
            fields.Error("a sold token goes somewhere: give 'as' (kept for a later enterToken step) or \"enter\": true (typed in at once), or both");
        }

        if (order.KeepAs is { } name)
        {
            tokens.Add(name);
        }

        return order;
    }

    private static KeyChangeOrder ReadKeyChange(JsonFields fields)
    {
        var sections = new List<int>();
        if (fields.Array("sections") is { } list)
        {
            foreach (var item in list)
            {
                if (item.ValueKind == System.Text.Json.JsonValueKind.Number && item.TryGetInt32(out var n) && n is >= 1 and <= 4)
                {
                    sections.Add(n);
                }
                else
                {
                    fields.Error($"'sections': {JsonFields.Describe(item)} is not a section number, 1 to 4");
                }
            }
        }

        var expiry = fields.SmallCount("keyExpiry");
        if (expiry is > 255)
        {
            fields.Error("'keyExpiry' is a key expiry number, 0 to 255");
        }

        var (credit, unit) = ReadTokenCredit(fields);
        return new KeyChangeOrder
        {
            Rollover = fields.Flag("rollover") ?? false,
            Sections = fields.Has("sections") ? sections : null,
            KeyExpiry = expiry,
            Credit = credit,
            CreditUnit = unit,
        };
    }

    /// <summary>A credit token's amount: 'energy' or 'volume', in tenths (a token carries 0.1 kWh or 0.1 m³ steps).</summary>
    private static (long? Hundredths, CreditUnit? Unit) ReadTokenCredit(JsonFields fields)
    {
        var energy = fields.Parsed("energy", Energy.Parse);
        var volume = fields.Parsed("volume", Volume.Parse);
        if (energy is not null && volume is not null)
        {
            fields.Error("give one of 'energy' or 'volume'");
            return (null, null);
        }

        long? hundredths = energy?.Hundredths ?? volume?.Hundredths;
        if (hundredths is { } h && (h <= 0 || h % 10 != 0))
        {
            fields.Error($"'{(energy is null ? "volume" : "energy")}': a credit token carries tenths above zero (such as 12.5), not {(h / 100m).ToString("0.00", CultureInfo.InvariantCulture)}");
            return (null, null);
        }

        return (hundredths, hundredths is null ? null : energy is null ? CreditUnit.Volume : CreditUnit.Energy);
    }

    private static ManagementKind? ReadManagement(JsonFields fields, string name)
    {
        foreach (var kind in ManagementNames)
        {
            if (string.Equals(JsonFields.CamelCase(kind.ToString()), name, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        fields.Error($"'management': '{name}' is not a management token; use one of {string.Join(", ", ManagementNames.Select(k => JsonFields.CamelCase(k.ToString())))} (key changes are the keyChange step)");
        return null;
    }

    private static ParseResult<long> ParseTokenValue(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= TransferAmount.Largest
            ? ParseResult<long>.ForValue(value)
            : ParseResult<long>.ForError($"'{text}' is not a management token's value (a whole number: watts, a register, the raw field)");
}
