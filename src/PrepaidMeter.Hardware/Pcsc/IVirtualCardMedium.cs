namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// What sits behind a <see cref="VirtualCard"/>'s slot: a card that answers APDUs the way a reader with
/// that card in it answers them. <see cref="MemoryCardOnAcsReader"/> (every memory medium) and <see cref="CpuCard"/> are the
/// media of DESIGN.md §4.
/// </summary>
public interface IVirtualCardMedium
{
    /// <summary>"sle4442", "sle4428", "at24c01" … "at24c64" or "cpu", as `--media` names it.</summary>
    string MediaName { get; }

    /// <summary>The answer to reset pcscd is given when the card goes in.</summary>
    ReadOnlySpan<byte> Atr { get; }

    /// <summary>The card's data as it stands (the user image).</summary>
    ReadOnlySpan<byte> Memory { get; }

    /// <summary>The response APDU (data, then SW1 SW2) to <paramref name="command"/>.</summary>
    byte[] Respond(ReadOnlySpan<byte> command);

    /// <summary>Whether <paramref name="command"/> writes data (a card pulled out during one is torn).</summary>
    bool IsWrite(ReadOnlySpan<byte> command);

    /// <summary>Carries out only the first <paramref name="bytes"/> of the write <paramref name="command"/>: the card left mid-write.</summary>
    void WritePartly(ReadOnlySpan<byte> command, int bytes);

    /// <summary>Power off, reset or removal: whatever the session unlocked is locked again.</summary>
    void EndSession();
}
