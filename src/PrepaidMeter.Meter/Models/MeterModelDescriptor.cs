using System.Text.Json.Serialization;

namespace PrepaidMeter.Meter.Models;

/// <summary>A meter model file as written; plain data for the JSON reader.</summary>
internal sealed class MeterModelDescriptor
{
    /// <summary>
    /// The JSON Schema an editor checks the file against (schemas/meter-model.schema.json). Read so that
    /// unknown settings can stay refused, and otherwise ignored: it says nothing about the meter.
    /// </summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public string? Id { get; set; }

    public string? Description { get; set; }

    public string? CreditUnit { get; set; }

    public string? Utility { get; set; }

    public string? SupplySwitch { get; set; }

    public ValveDescriptor? Valve { get; set; }

    public LeakDescriptor? Leak { get; set; }

    public BatteryDescriptor? Battery { get; set; }

    public TamperDescriptor? Tamper { get; set; }

    public List<string>? Layouts { get; set; }

    public string? Media { get; set; }

    public TokenDescriptor? Token { get; set; }

    public int? EventLogDepth { get; set; }

    public string? PresetCredit { get; set; }

    public string? EmergencyCredit { get; set; }

    public bool OverdraftAllowed { get; set; }

    public bool? Alarm2Trips { get; set; }

    public ParametersDescriptor? Defaults { get; set; }

    public Core.Pricing.TariffDefinition? Tariff { get; set; }

    public PowerLimitDescriptor? PowerLimit { get; set; }

    public MalignantLoadDescriptor? MalignantLoad { get; set; }

    public List<WindowDescriptor>? ScheduledTrips { get; set; }

    public FriendlyDescriptor? FriendlyPeriods { get; set; }
}

internal sealed class PowerLimitDescriptor
{
    public int WindowSeconds { get; set; }

    public int ReconnectDelaySeconds { get; set; }

    public int LockoutAfter { get; set; }
}

internal sealed class MalignantLoadDescriptor
{
    public int ThresholdWatts { get; set; }

    /// <summary>A resistive load has a power factor near 1: at or above this it counts as malignant.</summary>
    public string? MinPowerFactor { get; set; }

    public int ReconnectDelaySeconds { get; set; }
}

/// <summary>The valve rule (V1–V15); each member nullable so that a missing one is told by name.</summary>
internal sealed class ValveDescriptor
{
    public int? TravelSeconds { get; set; }

    public int? Retries { get; set; }

    public int? RetryIntervalSeconds { get; set; }

    /// <summary>Absent: the valve is never exercised.</summary>
    public int? ExerciseIntervalDays { get; set; }

    public int? LongestExerciseCutSeconds { get; set; }
}

internal sealed class LeakDescriptor
{
    public int? MinimumLitresPerHour { get; set; }

    public int? ContinuousSeconds { get; set; }
}

internal sealed class BatteryDescriptor
{
    public int? FreshMillivolts { get; set; }

    public int? LowMillivolts { get; set; }

    public int? CriticalMillivolts { get; set; }

    public long? MicrovoltsPerDay { get; set; }

    public long? MicrovoltsPerMotorRun { get; set; }
}

internal sealed class TamperDescriptor
{
    public bool? CaseSwitch { get; set; }

    /// <summary>Absent: only a tool card clears a latched tamper.</summary>
    public int? ClearsAfterQuietSeconds { get; set; }
}

internal sealed class WindowDescriptor
{
    /// <summary>"HH:mm", UTC.</summary>
    public string? From { get; set; }

    public string? To { get; set; }
}

internal sealed class FriendlyDescriptor
{
    public WindowDescriptor? Night { get; set; }

    public bool Weekends { get; set; }

    /// <summary>"yyyy-MM-dd" dates (UTC).</summary>
    public List<string>? Holidays { get; set; }
}

internal sealed class ParametersDescriptor
{
    public string? Alarm1 { get; set; }

    public string? Alarm2 { get; set; }

    public string? OverdraftLimit { get; set; }

    public string? PurchaseLimit { get; set; }

    public uint PowerLimitWatts { get; set; }
}

/// <summary>The token section (rules TK); each member nullable so that a missing one is told by name.</summary>
internal sealed class TokenDescriptor
{
    public string? EncryptionAlgorithm { get; set; }

    public string? KeyGeneration { get; set; }

    public string? Iin { get; set; }

    public int? KeyType { get; set; }

    public string? SupplyGroupCode { get; set; }

    public int? TariffIndex { get; set; }

    public int? KeyRevision { get; set; }

    public int? BaseDate { get; set; }

    public int? KeyExpiry { get; set; }

    public int? TidMemory { get; set; }

    public int? KeyChangeSeconds { get; set; }

    public string? ManufacturerCode { get; set; }

    public string? CreditRegisterLimit { get; set; }

    public LockoutDescriptor? Lockout { get; set; }
}

internal sealed class LockoutDescriptor
{
    public int? After { get; set; }

    public int? Seconds { get; set; }

    public int? CapSeconds { get; set; }
}
