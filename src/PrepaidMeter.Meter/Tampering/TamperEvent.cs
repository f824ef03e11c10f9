namespace PrepaidMeter.Meter.Tampering;

/// <summary>What has been tampered with; a meter can latch both.</summary>
[Flags]
public enum TamperFlags
{
    None = 0,

    /// <summary>A magnet at the flow sensor (rule T1).</summary>
    Magnet = 1,

    /// <summary>The case was opened, on a model with a case switch (rule T2).</summary>
    Case = 2,
}

public enum TamperEventKind
{
    /// <summary>An attack began and the flag latched: the meter closes its valve.</summary>
    Detected,

    /// <summary>The latched flags were cleared, by a tool card or by the model's quiet period.</summary>
    Cleared,

    /// <summary>A tool card came while the attack was still on: nothing was cleared (rule T3).</summary>
    ClearRefused,
}

/// <summary>Something the tamper watch did, at the second it happened.</summary>
public sealed record TamperEvent(DateTimeOffset At, TamperEventKind Kind, TamperFlags Flags, string Detail);
