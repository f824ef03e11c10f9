using System.Text;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;

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

    // Water and gas meters (docs/water-gas.md); appended, so the kinds an NVRAM image holds keep their numbers.
    ValveMoving,
    ValveClosed,
    ValveOpened,
    ValveDidNotMove,
    ValveStuck,
    ValveExercise,
    BatteryLow,
    BatteryCritical,
    BatteryChanged,
    TamperDetected,
    TamperCleared,
    TamperClearRefused,
    LeakDetected,
    LeakEnded,

    // Keypad tokens (rules TK); appended for the same reason.
    TokenEntered,
    KeyChanged,
}

/// <summary>One entry of the meter's event ring (rule C4) and of what <c>Advance</c> reports.</summary>
public sealed record MeterEvent
{
    private readonly (CardKind Kind, CardSerial Serial, MeterResult Result) _card;
    private string? _detail;

    public MeterEvent(DateTimeOffset at, MeterEventKind kind, string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        At = at;
        Kind = kind;
        _detail = detail;
    }

    private MeterEvent(DateTimeOffset at, CardKind card, CardSerial serial, MeterResult result)
    {
        At = at;
        Kind = MeterEventKind.CardInserted;
        _card = (card, serial, result);
    }

    public DateTimeOffset At { get; }

    public MeterEventKind Kind { get; }

    /// <summary>What happened, in words.</summary>
    public string Detail => _detail ??= $"{_card.Kind} card {_card.Serial}: {_card.Result}";

    /// <summary>
    /// A card insertion's result code; null for any other event. An event read back from NVRAM keeps only its words, so the
    /// code is read from their end, where both of the meter's card events put it ("User card 20260001: Loaded").
    /// </summary>
    public MeterResult? CardResult
    {
        get
        {
            if (Kind != MeterEventKind.CardInserted)
            {
                return null;
            }

            if (_detail is null)
            {
                return _card.Result;
            }

            // By name only: Enum.TryParse would also take a number ("7"), which no card event writes.
            var colon = _detail.LastIndexOf(": ", StringComparison.Ordinal);
            var tail = colon >= 0 ? _detail[(colon + 2)..] : "";
            return Enum.TryParse<MeterResult>(tail, ignoreCase: false, out var result) && string.Equals(result.ToString(), tail, StringComparison.Ordinal)
                ? result
                : null;
        }
    }

    /// <summary>
    /// The event every card insertion makes. Its words are put together when first read, not when the card
    /// goes in: most are never read, and an insertion should not pay for formatting them.
    /// </summary>
    internal static MeterEvent CardInserted(DateTimeOffset at, CardKind card, CardSerial serial, MeterResult result) =>
        new(at, card, serial, result);

    private byte[]? _record;

    /// <summary>
    /// The event's whole NVRAM record (time, kind, length-prefixed UTF-8 detail), encoded the first time an
    /// image is written and kept, so writing the ring again copies it instead of encoding it again.
    /// </summary>
    internal byte[] Record => _record ??= Encode(At, Kind, Detail);

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
