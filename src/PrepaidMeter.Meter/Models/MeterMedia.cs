namespace PrepaidMeter.Meter.Models;

/// <summary>What a meter takes its credit and tool commands from (docs/meter-models.md, "media").</summary>
[Flags]
public enum MeterMedia
{
    /// <summary>IC cards in the model's layouts.</summary>
    Card = 1,

    /// <summary>20-digit STS tokens typed at the keypad (IEC 62055-41; docs/meter-rules.md, rules TK).</summary>
    Token = 2,

    /// <summary>Both: one credit register and one at-most-once rule across them.</summary>
    Both = Card | Token,
}
