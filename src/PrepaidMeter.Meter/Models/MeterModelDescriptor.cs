namespace PrepaidMeter.Meter.Models;

/// <summary>A meter model file as written; plain data for the JSON reader.</summary>
internal sealed class MeterModelDescriptor
{
    public string? Id { get; set; }

    public string? Description { get; set; }

    public string? CreditUnit { get; set; }

    public List<string>? Layouts { get; set; }

    public int? EventLogDepth { get; set; }

    public string? PresetCredit { get; set; }

    public string? EmergencyCredit { get; set; }

    public bool OverdraftAllowed { get; set; }

    public bool? Alarm2Trips { get; set; }

    public ParametersDescriptor? Defaults { get; set; }

    public TariffDescriptor? Tariff { get; set; }

    // Settings of rules not implemented yet (docs/meter-rules.md): read so they can be refused by name.
    public System.Text.Json.JsonElement? PowerLimit { get; set; }

    public System.Text.Json.JsonElement? MalignantLoad { get; set; }

    public System.Text.Json.JsonElement? ScheduledTrips { get; set; }

    public System.Text.Json.JsonElement? FriendlyPeriods { get; set; }
}

internal sealed class ParametersDescriptor
{
    public string? Alarm1 { get; set; }

    public string? Alarm2 { get; set; }

    public string? OverdraftLimit { get; set; }

    public string? PurchaseLimit { get; set; }

    public uint PowerLimitWatts { get; set; }
}

internal sealed class TariffDescriptor
{
    /// <summary>"flat" or "tiered".</summary>
    public string? Kind { get; set; }

    public string? Price { get; set; }

    public List<TierDescriptor>? Blocks { get; set; }
}

internal sealed class TierDescriptor
{
    /// <summary>kWh used in the month up to which this block applies; absent on the last block.</summary>
    public string? UpTo { get; set; }

    public string? Price { get; set; }
}
