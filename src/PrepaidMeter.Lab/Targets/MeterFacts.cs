namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// What a target can see of its meters. The virtual and stack targets see everything the reference model
/// holds; a real meter on a bench shows only what its DL/T 645 registers and its operator can tell. An
/// expectation about a fact the target cannot see is reported as not observable there — never passed.
/// </summary>
[Flags]
public enum MeterFacts
{
    None = 0,
    Relay = 1 << 0,
    OpenReasons = 1 << 1,
    CreditState = 1 << 2,
    LifeCycle = 1 << 3,
    Remaining = 1 << 4,
    CumulativeEnergy = 1 << 5,
    PurchaseCount = 1 << 6,
    IllegalCards = 1 << 7,
    Events = 1 << 8,
    AlarmFlag = 1 << 9,

    /// <summary>A water or gas meter's own registers: volume, valve, battery, tamper latch, leak flag (FlowSideSnapshot).</summary>
    FlowSide = 1 << 10,
    /// <summary>A token meter's STS registers: TID memory, key revision, base date, key expiry (TokenSnapshot).</summary>
    TokenSide = 1 << 11,
    All = Relay | OpenReasons | CreditState | LifeCycle | Remaining | CumulativeEnergy | PurchaseCount | IllegalCards | Events | AlarmFlag | FlowSide | TokenSide,
}
