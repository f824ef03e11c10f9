namespace PrepaidMeter.Hardware.Traces;

/// <summary>A card's answer to one command: the response APDU, or why none came.</summary>
public readonly record struct ChannelAnswer(byte[] Response, string? Error);

/// <summary>Raw APDUs to a card, as a replay sends them: nothing selected or unlocked for the caller.</summary>
public interface IApduChannel
{
    ChannelAnswer Transmit(ReadOnlySpan<byte> command);

    /// <summary>Resets the card: a new session (what was unlocked is locked again). A card that is gone shows up at the next command.</summary>
    void Reset();
}
