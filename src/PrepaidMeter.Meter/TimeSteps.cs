using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter;

/// <summary>
/// How the lab lets a stretch of time pass at a meter: <paramref name="Duration"/> in <paramref name="Pieces"/> pieces of whole
/// seconds, the last taking what the others leave, the meter read at the end of each piece but the last when
/// <paramref name="Sampled"/> (the points of a scenario's chart). The meter takes each piece as one advance of its own, so a
/// stretch played in pieces ends exactly as the same pieces played one by one.
/// </summary>
public readonly record struct TimeSteps
{
    /// <summary>More pieces than this in one stretch is a mistake of the caller (the lab plays at most 240).</summary>
    public const int MaxPieces = 10_000;

    public TimeSteps(TimeSpan duration, int pieces, bool sampled)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(pieces, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pieces, MaxPieces);
        Duration = TimeSpan.FromSeconds(Math.Floor(duration.TotalSeconds));
        Pieces = pieces;
        Sampled = sampled;
    }

    public TimeSpan Duration { get; }

    public int Pieces { get; }

    public bool Sampled { get; }

    /// <summary>The whole stretch as one piece, unread on the way.</summary>
    public static TimeSteps Whole(TimeSpan duration) => new(duration, 1, sampled: false);

    /// <summary>Each piece's length, in order; they add up to <see cref="Duration"/>.</summary>
    public IEnumerable<TimeSpan> Each()
    {
        var piece = TimeSpan.FromSeconds(Math.Floor(Duration.TotalSeconds / Pieces));
        for (var i = 0; i < Pieces - 1; i++)
        {
            yield return piece;
        }

        yield return Duration - (piece * (Pieces - 1));
    }
}

/// <summary>A meter's reading between two pieces of a stretch of time: what a scenario's chart plots.</summary>
public readonly record struct MeterSample(DateTimeOffset Clock, CreditAmount Remaining, RelayState Relay, CreditState CreditState)
{
    public static MeterSample Of(MeterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(snapshot.Clock, snapshot.Remaining, snapshot.Relay, snapshot.CreditState);
    }
}

/// <summary>What a stretch of time did at a meter: the events it logged, and its readings when the stretch was sampled.</summary>
public sealed record TimePassed(IReadOnlyList<MeterEvent> Events, IReadOnlyList<MeterSample> Samples);
