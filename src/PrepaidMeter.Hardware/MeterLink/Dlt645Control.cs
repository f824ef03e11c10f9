namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>The function a DL/T 645-2007 frame carries (bits D4–D0 of the control code).</summary>
public enum Dlt645Function : byte
{
    BroadcastTime = 0x08,
    Read = 0x11,
    ReadFollowOn = 0x12,
    ReadAddress = 0x13,
    Write = 0x14,
    Control = 0x1C,
}

/// <summary>
/// The control code byte: D7 direction (1 = the meter's reply), D6 abnormal reply, D5 follow-on frames,
/// D4–D0 the function. A master sends 11H; a meter answers 91H, B1H with more to follow, or D1H refusing.
/// </summary>
public readonly record struct Dlt645Control(byte Value)
{
    public Dlt645Function Function => (Dlt645Function)(Value & 0x1F);

    public bool IsReply => (Value & 0x80) != 0;

    public bool IsAbnormal => (Value & 0x40) != 0;

    public bool HasFollowOn => (Value & 0x20) != 0;

    public static Dlt645Control Request(Dlt645Function function) => new((byte)function);

    public static Dlt645Control Reply(Dlt645Function function, bool followOn = false) =>
        new((byte)(0x80 | (followOn ? 0x20 : 0) | (byte)function));

    public static Dlt645Control Abnormal(Dlt645Function function) => new((byte)(0xC0 | (byte)function));

    public override string ToString() => $"{Value:X2}H ({Function}{(IsReply ? IsAbnormal ? ", abnormal reply" : ", reply" : "")}{(HasFollowOn ? ", follow-on" : "")})";
}

/// <summary>The error information byte of an abnormal reply (DL/T 645-2007 §4.2, 错误信息字 ERR).</summary>
[Flags]
public enum Dlt645Errors : byte
{
    None = 0,
    Other = 0x01,
    NoSuchData = 0x02,
    Unauthorised = 0x04,
    BaudRateUnchangeable = 0x08,
    TooManyYearZones = 0x10,
    TooManyDayPeriods = 0x20,
    TooManyTariffs = 0x40,
}

/// <summary>N1 of a control command (1CH): what the meter's relay or alarm is to do.</summary>
public enum Dlt645ControlCommand : byte
{
    Trip = 0x1A,
    ClosePermitted = 0x1B,
    DirectClose = 0x1C,
    AlarmOn = 0x2A,
    AlarmOff = 0x2B,
    KeepPowerOn = 0x3A,
    KeepPowerOff = 0x3B,
}
