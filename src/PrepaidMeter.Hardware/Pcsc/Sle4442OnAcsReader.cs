using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>An SLE4442 memory card in an ACS reader: answers the reader's pseudo-APDUs (<see cref="Sle4442Apdus"/>).</summary>
public sealed class Sle4442OnAcsReader(Sle4442Card card) : IVirtualCardMedium
{
    /// <summary>The ATR an ACS reader reports for an SLE4442.</summary>
    public static readonly byte[] Sle4442Atr = [0x3B, 0x04, 0xA2, 0x13, 0x10, 0x91];

    public Sle4442Card Card { get; } = card;

    public string MediaName => "sle4442";

    public ReadOnlySpan<byte> Atr => Sle4442Atr;

    public ReadOnlySpan<byte> Memory => Card.Memory;

    public byte[] Respond(ReadOnlySpan<byte> command) => Sle4442Apdus.Respond(Card, command);

    public bool IsWrite(ReadOnlySpan<byte> command) => command.Length > 5 && command[0] == 0xFF && command[1] == 0xD0;

    public void WritePartly(ReadOnlySpan<byte> command, int bytes) => Card.Write(command[3], command[5..], bytes);

    public void EndSession() => Card.EndSession();
}
