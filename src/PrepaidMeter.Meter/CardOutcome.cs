using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter;

/// <summary>What a card insertion did: the result code, the card's kind when it decoded, the codec's fault for a bad card, and whether the card was written back.</summary>
public sealed record CardOutcome(MeterResult Result, CardKind? Kind, string Detail, CardFault? Fault = null, bool CardWritten = false)
{
    public bool Accepted => Result.IsAccepted();

    /// <summary>What a meter answers when its reader could not read the card: its rules never saw it, so nothing changed.</summary>
    public static CardOutcome Unreadable(string problem) => new(MeterResult.Unreadable, null, $"the card could not be read: {problem}");

    public override string ToString() => $"{Result}: {Detail}";
}
