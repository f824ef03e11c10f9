namespace PrepaidMeter.Meter.Batteries;

/// <summary>How the battery stands: above the low level, at or under it, at or under the critical level.</summary>
public enum BatteryLevel
{
    Normal,
    Low,
    Critical,
}

public enum BatteryEventKind
{
    /// <summary>The voltage reached the low level: an alarm (rule B2).</summary>
    Low,

    /// <summary>The voltage reached the critical level: the meter closes its valve so it cannot fail open (rule B3).</summary>
    Critical,

    /// <summary>A fresh battery was fitted (rule B4).</summary>
    Changed,
}

/// <summary>Something the battery did, at the second it happened.</summary>
public sealed record BatteryEvent(DateTimeOffset At, BatteryEventKind Kind, string Detail);
