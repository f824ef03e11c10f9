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
    /// <summary>
    /// The event's whole NVRAM record (time, kind, length-prefixed UTF-8 detail), encoded once when the
    /// event happens, so a commit copies the ring instead of encoding it again.
    /// </summary>
    internal byte[] Record { get; } = Encode(At, Kind, Detail);

    public bool Equals(MeterEvent? other) =>
        other is not null && At == other.At && Kind == other.Kind && string.Equals(Detail, other.Detail, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(At, Kind, Detail);

    private static byte[] Encode(DateTimeOffset at, MeterEventKind kind, string detail)
    {
        using var buffer = new MemoryStream(16 + detail.Length);
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(at.ToUnixTimeSeconds());
            w.Write((byte)kind);
            w.Write(detail);
        }

        return buffer.ToArray();
    }

    public override string ToString() => $"{At:yyyy-MM-dd HH:mm:ss}Z  {Kind}  {Detail}";
}
