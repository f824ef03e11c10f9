namespace PrepaidMeter.Meter.Valves;

/// <summary>
/// Where a motorised valve is, as its meter knows it. A move is whole: the valve is at its start until the travel time has
/// passed and then at its end, or, if it was seized, still at its start. While the motor runs the supply counts as cut.
/// </summary>
public enum ValvePosition : byte
{
    /// <summary>At the open end stop; the supply flows.</summary>
    Open,

    /// <summary>The motor runs towards closed; the supply counts as cut from the motor's start.</summary>
    Closing,

    /// <summary>At the closed end stop; no supply.</summary>
    Closed,

    /// <summary>The motor runs towards open; the supply counts as cut until the valve is open.</summary>
    Opening,

    /// <summary>A close did not move the valve: still open (the supply flows); the motor tries again after the retry interval.</summary>
    OpenAwaitingRetry,

    /// <summary>An open did not move the valve: still closed (no supply); the motor tries again after the retry interval.</summary>
    ClosedAwaitingRetry,

    /// <summary>Every try to close failed: the valve is open, the supply flows, the stuck alarm holds until a move succeeds.</summary>
    StuckOpen,

    /// <summary>Every try to open failed: the valve is closed, no supply, the stuck alarm holds until a move succeeds.</summary>
    StuckClosed,
}

/// <summary>What a valve position means for the supply.</summary>
public static class ValvePositions
{
    /// <summary>Whether water or gas passes at <paramref name="position"/>: only at the open end stop, a moving valve counting as cut (rule V3).</summary>
    public static bool LetsThrough(this ValvePosition position) =>
        position is ValvePosition.Open or ValvePosition.OpenAwaitingRetry or ValvePosition.StuckOpen;
}
