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

    /// <summary>The meter's reader could not read the card whole (a reader fault, a card pulled out during the read): nothing was decided or written.</summary>
    Unreadable,
}

public static class MeterResults
{
    /// <summary>True for results that accepted the card (and wrote back where the kind takes it).</summary>
    public static bool IsAccepted(this MeterResult result) => result <= MeterResult.CreditTransferred;
}
