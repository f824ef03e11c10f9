using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Readings;

/// <summary>A meter of a round that gave no reading: silent (no reply in the bounded wait) or refused (an abnormal or unfit reply), and what the line said.</summary>
public sealed record MissedMeter(MeterNumber Meter, string Why);

/// <summary>
/// A reading round as the books keep it: who polled which scope over which line, when, how many meters it polled,
/// how many answered, how many new readings it stored, and the meters that gave none.
/// </summary>
public sealed record ReadingRound(
    long Id,
    RoundScopeKind ScopeKind,
    string Scope,
    string Port,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string Operator,
    int Polled,
    int Answered,
    int Stored,
    IReadOnlyList<MeterNumber> Silent,
    IReadOnlyList<MissedMeter> Refused);
