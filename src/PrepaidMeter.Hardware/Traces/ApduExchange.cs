namespace PrepaidMeter.Hardware.Traces;

/// <summary>Which end of the exchange recorded it: the reader (a program's PC/SC reader) or the card (the virtual card).</summary>
public enum TraceSide
{
    Reader,
    Card,
}

/// <summary>What the virtual card's medium was after it answered: cheap to take, and what a tester asks first.</summary>
/// <param name="Medium">The medium's name ("sle4442", "cpu" …).</param>
/// <param name="Unlocked">Whether writes were unlocked (PSC presented, or the CPU card authenticated).</param>
/// <param name="ErrorCounter">The code's error counter, one bit a try left (07 all three); null for a medium without a code.</param>
public sealed record CardState(string Medium, bool Unlocked, byte? ErrorCounter);

/// <summary>
/// One command APDU and its response, as a trace line holds it (docs/card-media.md, "Traces").
/// </summary>
/// <param name="Time">When the command was sent (UTC).</param>
/// <param name="Side">Which end recorded it.</param>
/// <param name="Reader">The PC/SC reader's name ("Virtual PCD 00 00").</param>
/// <param name="Session">Counts card sessions from 1: a new connection (reader side), a reset or a new insertion (card side).</param>
/// <param name="Command">The command APDU.</param>
/// <param name="Response">The response APDU, data then SW1 SW2; empty when none came.</param>
/// <param name="Duration">From sending the command to having the response.</param>
public sealed record ApduExchange(DateTimeOffset Time, TraceSide Side, string Reader, int Session, byte[] Command, byte[] Response, TimeSpan Duration)
{
    /// <summary>The card's answer to reset, when the recorder knows it.</summary>
    public byte[]? Atr { get; init; }

    /// <summary>The card's state after answering; recorded by the card side only.</summary>
    public CardState? Card { get; init; }

    /// <summary>Why no response came (the card was removed, the reader failed); null when one did.</summary>
    public string? Error { get; init; }

    /// <summary>SW1 SW2, or null when the response is shorter than a status word.</summary>
    public ushort? StatusWord => Response.Length >= 2 ? (ushort)((Response[^2] << 8) | Response[^1]) : null;

    /// <summary>The response's data: everything before the status word.</summary>
    public ReadOnlySpan<byte> Data => Response.AsSpan(0, Math.Max(0, Response.Length - 2));
}
