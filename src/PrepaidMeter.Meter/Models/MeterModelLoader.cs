using System.Text.Json;
using System.Text.Json.Serialization;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;

namespace PrepaidMeter.Meter.Models;

/// <summary>A loaded model, or every problem with its file, each naming the setting.</summary>
public sealed record MeterModelLoadResult(MeterModel? Model, IReadOnlyList<string> Errors)
{
    public bool Success => Model is not null;

    /// <exception cref="InvalidOperationException">The model was refused.</exception>
    public MeterModel GetModelOrThrow() => Model ?? throw new InvalidOperationException(string.Join(Environment.NewLine, Errors));
}

/// <summary>
/// Reads and validates a meter model file. An unknown setting, a contradiction (a money meter without a
/// tariff, alarm 2 above alarm 1, an overdraft limit on a meter that allows none, a valve on an electricity
/// meter) or a rule that is not implemented yet is refused with a message naming the setting — never ignored.
/// </summary>
public static partial class MeterModelLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>
    /// Reads a model from its JSON text; <paramref name="source"/> names it in messages. A layout the model names
    /// by a relative path is taken from <paramref name="layoutFolder"/> (the model file's folder), or from the
    /// current directory when it is null.
    /// </summary>
    public static MeterModelLoadResult Load(string json, string source, string? layoutFolder = null) =>
        Load(json, source, name => CardLayouts.Resolve(name, layoutFolder));

    /// <summary>
    /// Reads a model from its JSON text, its layouts given by <paramref name="resolveLayout"/>: called once for each
    /// name in the model's "layouts", in the order the model names them. What a meter's NVRAM uses to rebuild the model
    /// from the texts it keeps, with no file system (rule N1).
    /// </summary>
    public static MeterModelLoadResult Load(string json, string source, Func<string, LayoutLoadResult> resolveLayout)
    {
        ArgumentNullException.ThrowIfNull(resolveLayout);
        MeterModelDescriptor? descriptor;
        try
        {
            descriptor = JsonSerializer.Deserialize<MeterModelDescriptor>(json.AsSpan().TrimStart('\uFEFF'), Options);
        }
        catch (JsonException e)
        {
            return Refused(source, [$"not a meter model: {e.Message}"]);
        }

        if (descriptor is null)
        {
            return Refused(source, ["the file is empty"]);
        }

        var errors = new List<string>();
        var model = Compile(descriptor, resolveLayout, errors);
        return errors.Count == 0 && model is not null ? new(model with { SourceText = json }, []) : Refused(source, errors);
    }

    private static MeterModelLoadResult Refused(string source, IEnumerable<string> errors) =>
        new(null, [.. errors.Select(e => $"{source}: {e}")]);

    private static MeterModel? Compile(MeterModelDescriptor d, Func<string, LayoutLoadResult> resolveLayout, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(d.Id))
        {
            errors.Add("id is required");
        }

        CreditUnit? unit = d.CreditUnit switch
        {
            "energy" => CreditUnit.Energy,
            "money" => CreditUnit.Money,
            "volume" => CreditUnit.Volume,
            _ => null,
        };
        if (unit is null)
        {
            errors.Add($"creditUnit '{d.CreditUnit}' must be 'energy', 'money' or 'volume'");
        }

        var supply = Supply(d, unit, errors);

        var layouts = new List<CardLayout>();
        foreach (var id in d.Layouts ?? [])
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add("layouts: an entry is empty; name a shipped layout id or a layout file");
                continue;
            }

            var resolved = resolveLayout(id);
            if (resolved.Layout is { } layout)
            {
                layouts.Add(layout);
            }
            else
            {
                errors.Add($"layouts: '{id}': {string.Join("; ", resolved.Errors)}");
            }
        }

        var media = Media(d, unit, supply?.Utility, errors);
        var token = media is { } m && (m & MeterMedia.Token) != 0 ? Token(d.Token, errors) : null;
        if (d.Layouts is null or { Count: 0 } && media != MeterMedia.Token)
        {
            errors.Add("layouts must name at least one card layout the meter reads");
        }

        var depth = d.EventLogDepth ?? 32;
        if (depth is < 1 or > 1024)
        {
            errors.Add($"eventLogDepth {depth} must be 1 to 1024");
        }

        var preset = Amount("presetCredit", d.PresetCredit, errors);
        var emergency = Amount("emergencyCredit", d.EmergencyCredit, errors);
        var defaults = Defaults(d.Defaults, unit ?? CreditUnit.Energy, errors);
        if (defaults.OverdraftLimit.Hundredths > 0 && !d.OverdraftAllowed)
        {
            errors.Add("defaults.overdraftLimit is above zero but overdraftAllowed is false: contradictory");
        }

        var tariff = Tariff(d.Tariff, errors);
        if (unit == CreditUnit.Money && supply?.Utility is not (Utility.Water or Utility.Gas) && tariff is null && d.Tariff is null)
        {
            errors.Add("tariff is required: a money-unit meter applies its tariff inside");
        }

        if (unit == CreditUnit.Energy && d.Tariff is not null)
        {
            errors.Add("tariff: an energy-unit meter counts kWh and holds no tariff: contradictory");
        }

        if (unit == CreditUnit.Volume && d.Tariff is not null)
        {
            errors.Add("tariff: a volume-unit meter counts m³ and holds no tariff: contradictory");
        }

        var powerLimit = supply?.Utility is Utility.Water or Utility.Gas ? null : PowerLimit(d.PowerLimit, errors);
        var malignant = supply?.Utility is Utility.Water or Utility.Gas ? null : Malignant(d.MalignantLoad, errors);
        var scheduled = (d.ScheduledTrips ?? []).Select((w, i) => Window($"scheduledTrips[{i}]", w, errors)).OfType<DailyWindow>().ToList();
        var friendly = Friendly(d.FriendlyPeriods, errors);
        if (errors.Count > 0 || unit is null || supply is null || media is null)
        {
            return null;
        }

        return new MeterModel
        {
            Id = d.Id!,
            Description = d.Description ?? "",
            CreditUnit = unit.Value,
            Utility = supply.Utility,
            SupplySwitch = supply.Switch,
            Valve = supply.Valve,
            Leak = supply.Leak,
            Battery = supply.Battery,
            Tamper = supply.Tamper,
            Media = media ?? MeterMedia.Card,
            Token = token,
            Layouts = layouts,
            EventLogDepth = depth,
            PresetCredit = new(unit.Value, preset),
            EmergencyCredit = new(unit.Value, emergency),
            OverdraftAllowed = d.OverdraftAllowed,
            Alarm2Trips = d.Alarm2Trips ?? true,
            Defaults = defaults,
            Tariff = tariff,
            PowerLimit = powerLimit,
            MalignantLoad = malignant,
            ScheduledTrips = scheduled,
            FriendlyPeriods = friendly,
        };
    }

    private static PowerLimitRule? PowerLimit(PowerLimitDescriptor? p, List<string> errors)
    {
        if (p is null)
        {
            return null;
        }

        if (p.WindowSeconds is < 1 or > 86_400 || p.ReconnectDelaySeconds is < 1 or > 86_400 || p.LockoutAfter is < 1 or > 100)
        {
            errors.Add("powerLimit: windowSeconds and reconnectDelaySeconds must be 1 to 86400, lockoutAfter 1 to 100");
            return null;
        }

        return new(p.WindowSeconds, p.ReconnectDelaySeconds, p.LockoutAfter);
    }

    private static MalignantLoadRule? Malignant(MalignantLoadDescriptor? m, List<string> errors)
    {
        if (m is null)
        {
            return null;
        }

        if (!decimal.TryParse(m.MinPowerFactor, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var pf)
            || pf is <= 0m or > 1m || m.ThresholdWatts < 1 || m.ReconnectDelaySeconds is < 1 or > 86_400)
        {
            errors.Add("malignantLoad: thresholdWatts must be 1 or more, minPowerFactor above 0 and at most 1 (such as \"0.98\"), reconnectDelaySeconds 1 to 86400");
            return null;
        }

        return new(m.ThresholdWatts, (int)(pf * 1000m), m.ReconnectDelaySeconds);
    }

    private static DailyWindow? Window(string name, WindowDescriptor? w, List<string> errors)
    {
        if (w is not null
            && TimeOnly.TryParseExact(w.From, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var from)
            && TimeOnly.TryParseExact(w.To, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var to)
            && from != to)
        {
            return new DailyWindow(from, to);
        }

        errors.Add($"{name}: from and to must be different HH:mm times (UTC)");
        return null;
    }

    private static FriendlyPeriods? Friendly(FriendlyDescriptor? f, List<string> errors)
    {
        if (f is null)
        {
            return null;
        }

        var holidays = new HashSet<DateOnly>();
        foreach (var text in f.Holidays ?? [])
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
            {
                holidays.Add(day);
            }
            else
            {
                errors.Add($"friendlyPeriods.holidays: '{text}' is not a yyyy-MM-dd date");
            }
        }

        return new FriendlyPeriods(f.Night is null ? null : Window("friendlyPeriods.night", f.Night, errors), f.Weekends, holidays);
    }

    private static MeterParameters Defaults(ParametersDescriptor? p, CreditUnit unit, List<string> errors)
    {
        if (p is null)
        {
            errors.Add("defaults are required: alarm1, alarm2, overdraftLimit, purchaseLimit, powerLimitWatts");
            return default;
        }

        var parameters = new MeterParameters(
            new(unit, Amount("defaults.alarm1", p.Alarm1, errors)),
            new(unit, Amount("defaults.alarm2", p.Alarm2, errors)),
            new(unit, Amount("defaults.overdraftLimit", p.OverdraftLimit, errors)),
            new(unit, Amount("defaults.purchaseLimit", p.PurchaseLimit, errors)),
            p.PowerLimitWatts);
        if (MeterParameterRules.Problem(parameters) is { } problem)
        {
            errors.Add($"defaults: {problem}");
        }

        return parameters;
    }

    private static Tariff? Tariff(TariffDefinition? t, List<string> errors) =>
        t is null ? null : TariffDefinitions.Compile(t, "tariff", errors);

    private static long Amount(string name, string? text, List<string> errors)
    {
        if (text is null)
        {
            return 0;
        }

        var parsed = Money.Parse(text);
        if (!parsed.TryGetValue(out var amount) || amount.IsNegative)
        {
            errors.Add($"{name}: {parsed.Error ?? $"'{text}' must not be negative"}");
            return 0;
        }

        return amount.Hundredths;
    }
}
