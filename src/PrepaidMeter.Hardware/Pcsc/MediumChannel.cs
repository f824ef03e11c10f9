using PrepaidMeter.Hardware.Traces;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>A replay's card without pcscd (`card trace replay --card`): the virtual card's medium answers each command, a reset ends its session.</summary>
public sealed class MediumChannel(IVirtualCardMedium card) : IApduChannel
{
    public int Resets { get; private set; }

    public ChannelAnswer Transmit(ReadOnlySpan<byte> command) => new(card.Respond(command), null);

    public void Reset()
    {
        card.EndSession();
        Resets++;
    }
}
