namespace PrepaidMeter.Meter.State;

public enum MeterEventKind : byte
{
    CardInserted,
    Alarm1,
    Alarm2,
    CreditExhausted,
    RelayOpened,
    RelayClosed,
    RelayTestCycle,
    Remote,
    EmergencyCredit,
    PowerCut,
    PowerRestored,
}

/// <summary>One entry of the meter's event ring (rule C4) and of what <c>Advance</c> reports.</summary>
public sealed record MeterEvent(DateTimeOffset At, MeterEventKind Kind, string Detail)
{
    public override string ToString() => $"{At:yyyy-MM-dd HH:mm:ss}Z  {Kind}  {Detail}";
}
