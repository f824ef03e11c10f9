using System.Globalization;
using System.Text.Json;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;

namespace PrepaidMeter.Cards.Records;

public static partial class CardRecordJson
{
    /// <summary>Reads a record; on a refusal <paramref name="record"/> is null and the message names the property.</summary>
    public static string? TryRead(string json, out CardRecord? record)
    {
        record = null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            record = Read(document.RootElement);
            return null;
        }
        catch (JsonException e)
        {
            return $"not JSON: {e.Message}";
        }
        catch (RecordFormatException e)
        {
            return e.Message;
        }
    }

    private static CardRecord Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RecordFormatException("a card record is a JSON object");
        }

        var kindName = Text(root, "kind") ?? throw new RecordFormatException("'kind' is required");
        var kind = CardKinds.Parse(kindName) ?? throw new RecordFormatException($"kind: '{kindName}' is not a card kind");
        var content = CardContents.Of(kind);
        var allowed = new HashSet<string>(StringComparer.Ordinal) { "kind", "layout" };
        if (content.HasFlag(CardContent.Amounts)) { allowed.Add("creditUnit"); }
        if (content.HasFlag(CardContent.Header)) { allowed.UnionWith(["supplyGroup", "cardSerial"]); }
        if (content.HasFlag(CardContent.Meter)) { allowed.Add("meterNumber"); }
        if (content.HasFlag(CardContent.Customer)) { allowed.Add("customerNumber"); }
        if (content.HasFlag(CardContent.Purchase)) { allowed.UnionWith(["purchaseCount", "purchase", "price"]); }
        if (content.HasFlag(CardContent.Parameters)) { allowed.Add("parameters"); }
        if (content.HasFlag(CardContent.ReturnWrite)) { allowed.Add("returnWrite"); }
        foreach (var property in root.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw new RecordFormatException($"{property.Name}: a {kindName} card does not carry this");
            }
        }

        var unit = ReadUnit(root);
        return new CardRecord
        {
            Kind = kind,
            Layout = Text(root, "layout") ?? throw new RecordFormatException("'layout' is required"),
            CreditUnit = unit,
            SupplyGroup = Parsed(root, "supplyGroup", SupplyGroupCode.Parse),
            CardSerial = Parsed(root, "cardSerial", CardSerial.Parse),
            MeterNumber = Parsed(root, "meterNumber", MeterNumber.Parse),
            CustomerNumber = Parsed(root, "customerNumber", CustomerNumber.Parse),
            PurchaseCount = Count(root, "purchaseCount"),
            Purchase = new(unit, AmountOf(root, "purchase", allowNegative: false)),
            Price = Text(root, "price") is { } price ? Checked("price", UnitPrice.Parse(price)) : null,
            Parameters = root.TryGetProperty("parameters", out var p) ? ReadParameters(p, unit) : null,
            ReturnWrite = root.TryGetProperty("returnWrite", out var rw) ? ReadReturnWrite(rw, unit) : null,
        };
    }

    /// <summary>Absent is energy, the default a kind without amounts keeps; a name is one of the three, exactly.</summary>
    private static CreditUnit ReadUnit(JsonElement root) => Text(root, "creditUnit") switch
    {
        null => CreditUnit.Energy,
        var text when CreditUnits.Parse(text) is { } unit && unit.Name() == text => unit,
        var other => throw new RecordFormatException($"creditUnit: '{other}' is none of 'energy', 'money' and 'volume'"),
    };

    private static MeterParameters ReadParameters(JsonElement p, CreditUnit unit)
    {
        Only(p, "parameters", "alarm1", "alarm2", "overdraftLimit", "purchaseLimit", "powerLimitWatts");
        return new MeterParameters(
            new(unit, AmountOf(p, "alarm1", false, "parameters.")),
            new(unit, AmountOf(p, "alarm2", false, "parameters.")),
            new(unit, AmountOf(p, "overdraftLimit", false, "parameters.")),
            new(unit, AmountOf(p, "purchaseLimit", false, "parameters.")),
            Watts(p));
    }

    private static uint Watts(JsonElement parameters)
    {
        if (!parameters.TryGetProperty("powerLimitWatts", out var watts))
        {
            return 0;
        }

        return watts.ValueKind == JsonValueKind.Number && watts.TryGetUInt32(out var value)
            ? value
            : throw new RecordFormatException("parameters.powerLimitWatts: a whole number of watts");
    }

    private static ReturnWriteBlock ReadReturnWrite(JsonElement rw, CreditUnit unit)
    {
        Only(rw, "returnWrite", "meterNumber", "loadedCount", "remaining", "cumulativeEnergy", "status", "writtenAt");
        var writtenText = Text(rw, "writtenAt") ?? throw new RecordFormatException("returnWrite.writtenAt is required");
        if (!DateTimeOffset.TryParse(writtenText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var writtenAt))
        {
            throw new RecordFormatException($"returnWrite.writtenAt: '{writtenText}' is not an ISO 8601 time");
        }

        return new ReturnWriteBlock(
            Parsed(rw, "meterNumber", MeterNumber.Parse, "returnWrite."),
            Count(rw, "loadedCount", "returnWrite."),
            new(unit, AmountOf(rw, "remaining", true, "returnWrite.")),
            Energy.FromHundredths(AmountOf(rw, "cumulativeEnergy", false, "returnWrite.")),
            ReadStatus(rw),
            writtenAt);
    }

    private static ReturnWriteStatus ReadStatus(JsonElement rw)
    {
        if (!rw.TryGetProperty("status", out var status))
        {
            return ReturnWriteStatus.None;
        }

        if (status.ValueKind == JsonValueKind.Number && status.TryGetUInt16(out var bits))
        {
            return (ReturnWriteStatus)bits;
        }

        if (status.ValueKind != JsonValueKind.Array)
        {
            throw new RecordFormatException("returnWrite.status: a list of flag names or a number");
        }

        var flags = ReturnWriteStatus.None;
        foreach (var name in status.EnumerateArray())
        {
            flags |= Enum.TryParse<ReturnWriteStatus>(name.GetString(), ignoreCase: true, out var flag) && flag != ReturnWriteStatus.None
                ? flag
                : throw new RecordFormatException($"returnWrite.status: '{name}' is not a status flag; the flags are {string.Join(", ", Enum.GetNames<ReturnWriteStatus>().Skip(1))}");
        }

        return flags;
    }

    private static void Only(JsonElement element, string owner, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RecordFormatException($"{owner}: must be an object");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!names.Contains(property.Name))
            {
                throw new RecordFormatException($"{owner}.{property.Name}: not a property of {owner}");
            }
        }
    }

    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new RecordFormatException($"{name}: expected a string"),
        };
    }

    private static T Parsed<T>(JsonElement element, string name, Func<string?, ParseResult<T>> parse, string prefix = "")
        where T : struct => Text(element, name) is { } text ? Checked(prefix + name, parse(text)) : default;

    private static PurchaseCount Count(JsonElement element, string name, string prefix = "") =>
        Text(element, name) is { } text ? Checked(prefix + name, PurchaseCount.Parse(text)) : PurchaseCount.Zero;

    private static long AmountOf(JsonElement element, string name, bool allowNegative, string prefix = "")
    {
        if (Text(element, name) is not { } text)
        {
            return 0;
        }

        var money = Checked(prefix + name, Money.Parse(text));
        return money.IsNegative && !allowNegative
            ? throw new RecordFormatException($"{prefix}{name}: '{text}' must not be negative")
            : money.Hundredths;
    }

    private static T Checked<T>(string name, ParseResult<T> result) =>
        result.TryGetValue(out var value) ? value : throw new RecordFormatException($"{name}: {result.Error}");

    /// <summary>Carries a refusal out of the nested readers; never leaves this class.</summary>
    private sealed class RecordFormatException(string message) : Exception(message);
}
