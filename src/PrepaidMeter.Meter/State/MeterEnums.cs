namespace PrepaidMeter.Meter.State;

/// <summary>Rules L1–L6.</summary>
public enum LifeCycle : byte
{
    New,
    Configured,
    Bound,
}

/// <summary>Rules A1–A3, from the highest credit to the lowest.</summary>
public enum CreditState : byte
{
    Normal,
    Low,
    Alarm2,
    Overdraft,
    Exhausted,
}

public enum RelayState : byte
{
    Closed,
    Open,
}

/// <summary>Why the relay is open (a valve meter's valve asked closed); it is closed exactly when none holds.</summary>
[Flags]
public enum OpenReasons : ushort
{
    None = 0,
    CreditExhausted = 1 << 0,
    Alarm2 = 1 << 1,
    Remote = 1 << 2,
    RemoteAwaitingCard = 1 << 3,
    OverPower = 1 << 4,
    LockedOut = 1 << 5,
    MalignantLoad = 1 << 6,
    Scheduled = 1 << 7,

    /// <summary>Rules T1–T4: a tamper is latched; the valve stays closed until it is cleared.</summary>
    Tamper = 1 << 8,

    /// <summary>Rule B3: the battery is at its critical level; the valve closes so it cannot fail open.</summary>
    BatteryCritical = 1 << 9,
}

/// <summary>DL/T 645 control commands (1C), rules R1–R5.</summary>
public enum RemoteCommand
{
    Trip,
    ClosePermitted,
    DirectClose,
    AlarmOn,
    AlarmOff,
    KeepPowerOn,
    KeepPowerOff,
}

/// <summary>
/// Where the test harness may cut power inside card handling (rule N2), as scenario files and the lab name it;
/// <see cref="PowerCut"/> names every write step, and <see cref="DuringCardWrite"/> is its torn write of half
/// the changed bytes.
/// </summary>
public enum PowerCutPoint
{
    None,
    BeforeCommit,
    AfterCommit,
    DuringCardWrite,
}
