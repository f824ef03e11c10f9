using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Testing;

/// <summary>A virtual card's medium that notes the head (CLA INS P1 P2 P3) of every command it answers, for tests counting exchanges.</summary>
public sealed class RecordingMedium(IVirtualCardMedium inner) : IVirtualCardMedium
{
    public List<string> Commands { get; } = [];

    public string MediaName => inner.MediaName;

    public ReadOnlySpan<byte> Atr => inner.Atr;

    public ReadOnlySpan<byte> Memory => inner.Memory;

    public byte[] Respond(ReadOnlySpan<byte> command)
    {
        Commands.Add(Convert.ToHexString(command[..Math.Min(5, command.Length)]));
        return inner.Respond(command);
    }

    public bool IsWrite(ReadOnlySpan<byte> command) => inner.IsWrite(command);

    public void WritePartly(ReadOnlySpan<byte> command, int bytes) => inner.WritePartly(command, bytes);

    public void EndSession() => inner.EndSession();
}
