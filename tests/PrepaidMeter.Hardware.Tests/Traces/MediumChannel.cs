using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Hardware.Traces;

namespace PrepaidMeter.Hardware.Tests.Traces;

/// <summary>A replay's card without pcscd: the virtual card's medium answers each command, a reset ends its session.</summary>
internal sealed class MediumChannel(IVirtualCardMedium card) : IApduChannel
{
    public int Resets { get; private set; }

    public ChannelAnswer Transmit(ReadOnlySpan<byte> command) => new(card.Respond(command), null);

    public void Reset()
    {
        card.EndSession();
        Resets++;
    }
}
