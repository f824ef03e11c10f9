using System.Text;

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
    OverPower,
    LockedOut,
    MalignantLoad,
    Reconnected,
}

/// <summary>One entry of the meter's event ring (rule C4) and of what <c>Advance</c> reports.</summary>
public sealed record MeterEvent(DateTimeOffset At, MeterEventKind Kind, string Detail)
{
    /// <summary>The detail as NVRAM stores it, encoded once when the event happens rather than at every commit.</summary>
    internal byte[] DetailUtf8 { get; } = Encoding.UTF8.GetBytes(Detail);

    public bool Equals(MeterEvent? other) =>
        other is not null && At == other.At && Kind == other.Kind && string.Equals(Detail, other.Detail, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(At, Kind, Detail);

    public override string ToString() => $"{At:yyyy-MM-dd HH:mm:ss}Z  {Kind}  {Detail}";
}
