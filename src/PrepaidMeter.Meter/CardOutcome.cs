using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter;

/// <summary>What a card insertion did: the result code, the card's kind when it decoded, the codec's fault for a bad card, and whether the card was written back.</summary>
public sealed record CardOutcome(MeterResult Result, CardKind? Kind, string Detail, CardFault? Fault = null, bool CardWritten = false)
{
    public bool Accepted => Result.IsAccepted();

    public override string ToString() => $"{Result}: {Detail}";
}
