using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrepaidMeter.Core.Pricing;

/// <summary>
/// Turns a <see cref="TariffDefinition"/> into a <see cref="Tariff"/>, naming every problem with the
/// setting's path ("tariff.blocks[1].price: ..."), and writes one back. Shared by meter models and the
/// back office's prices, so a tariff means the same thing on both sides of a card.
/// </summary>
public static class TariffDefinitions
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Parses JSON text into a tariff, or every problem with it.</summary>
    public static (Tariff? Tariff, IReadOnlyList<string> Errors) FromJson(string json, string path = "tariff")
    {
        TariffDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<TariffDefinition>(json, Options);
        }
        catch (JsonException e)
        {
            return (null, [$"{path}: not a tariff: {e.Message}"]);
        }

        var errors = new List<string>();
        var tariff = definition is null ? null : Compile(definition, path, errors);
        if (definition is null)
        {
            errors.Add($"{path}: empty");
        }

        return errors.Count == 0 ? (tariff, []) : (null, errors);
    }

    /// <summary>The canonical JSON of a definition (camelCase, nulls left out).</summary>
    public static string ToJson(TariffDefinition definition) => JsonSerializer.Serialize(definition, Options);

    /// <summary>One canonical text for a valid definition, so stored versions compare and print alike.</summary>
    public static string Canonical(string json) =>
        ToJson(JsonSerializer.Deserialize<TariffDefinition>(json, Options) ?? throw new ArgumentException("Empty tariff.", nameof(json)));

    /// <summary>A flat tariff's definition.</summary>
    public static TariffDefinition Flat(UnitPrice price) => new() { Kind = "flat", Price = price.ToString() };

    /// <summary>Compiles a definition; problems go to <paramref name="errors"/> and the result is then null.</summary>
    public static Tariff? Compile(TariffDefinition definition, string path, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var tariff = definition.Kind switch
        {
            "flat" => Price($"{path}.price", definition.Price, errors) is { } flat ? new FlatTariff(flat) : null,
            "tiered" => Tiered(definition, path, errors),
            "time-of-use" => TimeOfUse(definition, path, errors),
            "composite" => Composite(definition, path, errors),
            _ => Unknown(definition.Kind, path, errors),
        };
        return errors.Count == before ? tariff : null;
    }

    private static Tariff? Unknown(string? kind, string path, List<string> errors)
    {
        errors.Add($"{path}.kind '{kind}' must be 'flat', 'tiered', 'time-of-use' or 'composite'");
        return null;
    }

    private static Tariff? Tiered(TariffDefinition t, string path, List<string> errors)
    {
        var blocks = new List<TierBlock>();
        foreach (var (block, i) in (t.Blocks ?? []).Select((b, i) => (b, i)))
        {
            var price = Price($"{path}.blocks[{i}].price", block.Price, errors);
            Energy? upTo = null;
            if (block.UpTo is not null)
            {
                var bound = Energy.Parse(block.UpTo);
                if (!bound.TryGetValue(out var value))
                {
                    errors.Add($"{path}.blocks[{i}].upTo: {bound.Error}");
                    continue;
                }

                upTo = value;
            }

            if (price is { } rate)
            {
                blocks.Add(new TierBlock(upTo, rate));
            }
        }

        return Construct(() => new TieredTariff(blocks), $"{path}.blocks", errors);
    }

    private static Tariff? TimeOfUse(TariffDefinition t, string path, List<string> errors)
    {
        var periods = new List<TimeOfUsePeriod>();
        foreach (var (period, i) in (t.Periods ?? []).Select((p, i) => (p, i)))
        {
            var rate = Price($"{path}.periods[{i}].price", period.Price, errors);
            if (!TimeOnly.TryParseExact(period.From, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
            {
                errors.Add($"{path}.periods[{i}].from: '{period.From}' is not an HH:mm time");
            }
            else if (rate is { } price)
            {
                periods.Add(new TimeOfUsePeriod(period.Name ?? $"period {i + 1}", from, price));
            }
        }

        return Construct(() => new TimeOfUseTariff(periods), $"{path}.periods", errors);
    }

    private static Tariff? Composite(TariffDefinition t, string path, List<string> errors)
    {
        var items = new List<PriceItem>();
        foreach (var (item, i) in (t.Items ?? []).Select((p, i) => (p, i)))
        {
            var at = $"{path}.items[{i}]";
            if (string.IsNullOrWhiteSpace(item.Name))
            {
                errors.Add($"{at}.name is required");
                continue;
            }

            if (item.Kind == "tax")
            {
                if (item.BasisPoints is not (>= 0 and <= 10_000) || item.Tariff is not null)
                {
                    errors.Add($"{at}: a tax takes basisPoints from 0 to 10000 and no tariff");
                    continue;
                }

                items.Add(PriceItem.Tax(item.Name, item.BasisPoints.Value));
                continue;
            }

            if (item.Kind is not ("energy" or "surcharge") || item.Tariff is null || item.BasisPoints is not null)
            {
                errors.Add($"{at}: kind must be 'energy' or 'surcharge' with a tariff, or 'tax' with basisPoints");
                continue;
            }

            if (item.Tariff.Kind == "composite")
            {
                errors.Add($"{at}.tariff: a composite price cannot nest another");
                continue;
            }

            if (Compile(item.Tariff, $"{at}.tariff", errors) is { } tariff)
            {
                items.Add(item.Kind == "energy" ? PriceItem.EnergyCharge(item.Name, tariff) : PriceItem.Surcharge(item.Name, tariff));
            }
        }

        return Construct(() => new CompositePrice(items), $"{path}.items", errors);
    }

    private static Tariff? Construct(Func<Tariff> build, string path, List<string> errors)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            errors.Add($"{path}: {e.Message}");
            return null;
        }
    }

    private static UnitPrice? Price(string name, string? text, List<string> errors)
    {
        var parsed = UnitPrice.Parse(text);
        if (parsed.TryGetValue(out var price))
        {
            return price;
        }

        errors.Add($"{name}: {parsed.Error}");
        return null;
    }
}
