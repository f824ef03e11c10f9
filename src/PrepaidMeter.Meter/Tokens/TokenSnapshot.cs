using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Meter.Tokens;

/// <summary>
/// A token meter's registers as `meter show` prints them (rule TK16): the identity and key revision, never the key; how
/// many TIDs are kept and the newest; the lock-out; the key change sections waiting; the values management tokens set.
/// </summary>
public sealed record TokenSnapshot(
    string Iin,
    string Drn,
    EncryptionAlgorithm Algorithm,
    int KeyType,
    int SupplyGroup,
    int TariffIndex,
    int KeyRevision,
    BaseDate BaseDate,
    int KeyExpiry,
    int TidsKept,
    int TidMemory,
    int? NewestTid,
    int InvalidInARow,
    DateTimeOffset? LockedUntil,
    IReadOnlyList<string> PendingSections,
    ushort? TariffRate,
    ushort? WaterFactor,
    long? PhaseUnbalanceWatts,
    CreditAmount ClearedCredit);
