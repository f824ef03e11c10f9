namespace PrepaidMeter.Meter.State;

/// <summary>The result code of a card insertion, as the meter would show it.</summary>
public enum MeterResult : byte
{
    Loaded,
    AlreadyLoaded,
    OldCard,
    OverPurchaseLimit,
    EmergencyCreditGranted,
    Configured,
    Cleared,
    Zeroed,
    Read,
    Tested,
    CreditTransferred,
    BadCard,
    BlankCard,
    WrongGroup,
    WrongMeter,
    WrongCustomer,
    NotConfigured,
    CountOutOfSequence,
    BadParameters,
    PowerCut,
    PowerOff,
}

public static class MeterResults
{
    /// <summary>True for results that accepted the card (and wrote back where the kind takes it).</summary>
    public static bool IsAccepted(this MeterResult result) => result <= MeterResult.CreditTransferred;
}
