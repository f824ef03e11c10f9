using System.Globalization;
using System.Text.Json.Nodes;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Cli.Commands.Tokens;

/// <summary>A token's fields as one JSON object: printed as is for --json, as aligned lines for people (RecordText).</summary>
internal static class TokenDescription
{
    public static JsonObject Of(TokenData data, BaseDate baseDate, TokenNumber? number = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var json = new JsonObject();
        if (number is { } token)
        {
            json["token"] = token.ToString();
            json["digits"] = token.ToDigits();
        }

        json["class"] = (int)data.Class;
        json["subclass"] = data.Subclass;
        json["type"] = TypeName(data);
        switch (data)
        {
            case CreditToken credit:
                Identified(json, credit.Random, credit.Id, baseDate);
                json["amount"] = decimal.Parse(TransferAmount.Tenths(credit.Amount.Units), CultureInfo.InvariantCulture);
                json["unit"] = credit.Kind.Unit();
                json["field"] = credit.Amount.Field.ToString("X4", CultureInfo.InvariantCulture);
                break;
            case ManagementToken management:
                Identified(json, management.Random, management.Id, baseDate);
                json["value"] = management.Watts is { } watts ? watts : management.Value;
                if (management.Watts is not null)
                {
                    json["unit"] = "W";
                }

                break;
            case MeterTestToken test:
                json["control"] = test.Control;
                json["manufacturerCode"] = test.ManufacturerCode.ToString(test.Subclass == 0 ? "D2" : "D4", CultureInfo.InvariantCulture);
                break;
            case FirstKeySection first:
                json["kenHigh"] = first.ExpiryHigh;
                json["krn"] = first.KeyRevision;
                json["rollover"] = first.Rollover;
                json["reserved"] = first.Reserved;
                json["kt"] = first.KeyType;
                json["newKeyHigh"] = first.NewKeyHigh.ToString("X8", CultureInfo.InvariantCulture);
                break;
            case SecondKeySection second:
                json["kenLow"] = second.ExpiryLow;
                json["ti"] = second.TariffIndex;
                json["newKeyLow"] = second.NewKeyLow.ToString("X8", CultureInfo.InvariantCulture);
                break;
            case ThirdKeySection third:
                json["sgcLow"] = third.SupplyGroupLow;
                json["newKeyMiddle2"] = third.NewKeyMiddle2.ToString("X8", CultureInfo.InvariantCulture);
                break;
            case FourthKeySection fourth:
                json["sgcHigh"] = fourth.SupplyGroupHigh;
                json["newKeyMiddle1"] = fourth.NewKeyMiddle1.ToString("X8", CultureInfo.InvariantCulture);
                break;
        }

        return json;
    }

    /// <summary>The kebab-case name the CLI uses for the token's kind (`electricity`, `max-power`, `key-section-1` …).</summary>
    public static string TypeName(TokenData data) => data switch
    {
        CreditToken credit => credit.Kind switch
        {
            CreditKind.ElectricityCurrency => "electricity-currency",
            CreditKind.WaterCurrency => "water-currency",
            CreditKind.GasCurrency => "gas-currency",
            CreditKind.TimeCurrency => "time-currency",
            var kind => kind.ToString().ToLowerInvariant(),
        },
        ManagementToken management => TokenManagementKinds.Name(management.Kind),
        MeterTestToken => "test",
        FirstKeySection => "key-section-1",
        SecondKeySection => "key-section-2",
        ThirdKeySection => "key-section-3",
        FourthKeySection => "key-section-4",
        _ => "unknown",
    };

    private static void Identified(JsonObject json, int random, TokenIdentifier id, BaseDate baseDate)
    {
        json["tid"] = id.Minutes;
        json["issued"] = id.Moment(baseDate).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        json["baseDate"] = (int)baseDate;
        json["random"] = random;
    }
}

/// <summary>The CLI's names of the management tokens that carry one value.</summary>
internal static class TokenManagementKinds
{
    public static readonly IReadOnlyDictionary<string, ManagementKind> ByName = new Dictionary<string, ManagementKind>(StringComparer.Ordinal)
    {
        ["max-power"] = ManagementKind.SetMaximumPowerLimit,
        ["clear-credit"] = ManagementKind.ClearCredit,
        ["tariff-rate"] = ManagementKind.SetTariffRate,
        ["clear-tamper"] = ManagementKind.ClearTamperCondition,
        ["phase-unbalance"] = ManagementKind.SetMaximumPhasePowerUnbalanceLimit,
        ["water-factor"] = ManagementKind.SetWaterMeterFactor,
    };

    public static string Name(ManagementKind kind) => ByName.First(pair => pair.Value == kind).Key;
}
