namespace PrepaidMeter.Hardware.Traces;

/// <summary>
/// Where a reader or a virtual card records its APDU exchanges (docs/card-media.md, "Traces"). One clock stamps
/// and times every exchange of a trace, so a trace made under a fake clock is the same on every run.
/// </summary>
public interface ICardTrace
{
    /// <summary>The clock exchanges are stamped (<see cref="ApduExchange.Time"/>) and timed (<see cref="ApduExchange.Duration"/>) with.</summary>
    TimeProvider Time { get; }

    /// <summary>Notes one exchange. Never throws for a failing destination: a trace must not break the card's work.</summary>
    void Record(ApduExchange exchange);
}
