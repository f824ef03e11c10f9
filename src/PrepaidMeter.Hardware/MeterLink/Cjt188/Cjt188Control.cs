namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>The function a CJ/T 188 frame carries (bits D4–D0 of the control code).</summary>
public enum Cjt188Function : byte
{
    ReadData = 0x01,
    ReadAddress = 0x03,
    WriteData = 0x04,
    ReadKeyVersion = 0x09,
    WriteAddress = 0x15,
    WriteSyncData = 0x16,
}

/// <summary>
/// The control code byte: D7 direction (1 = the meter's reply), D6 abnormal reply, D5 follow-on frames,
/// D4–D0 the function. A master sends 01H; a meter answers 81H, or C1H refusing.
/// </summary>
public readonly record struct Cjt188Control(byte Value)
{
    public Cjt188Function Function => (Cjt188Function)(Value & 0x1F);

    public bool IsReply => (Value & 0x80) != 0;

    public bool IsAbnormal => (Value & 0x40) != 0;

    public bool HasFollowOn => (Value & 0x20) != 0;

    public static Cjt188Control Request(Cjt188Function function) => new((byte)function);

    public static Cjt188Control Reply(Cjt188Function function) => new((byte)(0x80 | (byte)function));

    public static Cjt188Control Abnormal(Cjt188Function function) => new((byte)(0xC0 | (byte)function));

    public override string ToString() => $"{Value:X2}H ({Function}{(IsReply ? IsAbnormal ? ", abnormal reply" : ", reply" : "")}{(HasFollowOn ? ", follow-on" : "")})";
}
