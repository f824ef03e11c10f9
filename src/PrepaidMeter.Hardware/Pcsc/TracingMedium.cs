using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Traces;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// A virtual card's medium that records, on the card's side, every command it answers and the medium's state after
/// (docs/card-media.md, "Traces"); everything else goes to the medium it wraps. Power off, reset and removal end a
/// session, so the next command starts the next one.
/// </summary>
public sealed class TracingMedium(IVirtualCardMedium inner, ICardTrace trace) : IVirtualCardMedium
{
    // Whether the session has had a command: pcscd powers a card on and resets it before its first, which starts nothing new.
    private bool _answered;

    public IVirtualCardMedium Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The reader the card sits in, as its lines name it; whoever moves the card between slots says where.</summary>
    public string Reader { get; set; } = VirtualCard.ReaderName(0);

    /// <summary>The session the next command belongs to.</summary>
    public int Session { get; private set; } = 1;

    public string MediaName => Inner.MediaName;

    public ReadOnlySpan<byte> Atr => Inner.Atr;

    public ReadOnlySpan<byte> Memory => Inner.Memory;

    public byte[] Respond(ReadOnlySpan<byte> command)
    {
        var time = trace.Time;
        var (at, started) = (time.GetUtcNow(), time.GetTimestamp());
        _answered = true;
        byte[] response;
        try
        {
            response = Inner.Respond(command);
        }
        catch (Exception e)
        {
            // The card (its model) failed on this command: the exchange a tester most wants to see is noted, and the
            // failure goes on to whoever answers for the card (the virtual card answers 6F 00).
            trace.Record(Exchange(at, command, [], time.GetElapsedTime(started)) with { Error = $"the card failed: {e.GetType().Name}: {e.Message}" });
            throw;
        }

        trace.Record(Exchange(at, command, response, time.GetElapsedTime(started)));
        return response;
    }

    public bool IsWrite(ReadOnlySpan<byte> command) => Inner.IsWrite(command);

    public void WritePartly(ReadOnlySpan<byte> command, int bytes) => Inner.WritePartly(command, bytes);

    public void EndSession()
    {
        Inner.EndSession();
        if (_answered)
        {
            (_answered, Session) = (false, Session + 1);
        }
    }

    private ApduExchange Exchange(DateTimeOffset at, ReadOnlySpan<byte> command, byte[] response, TimeSpan duration) =>
        new(at, TraceSide.Card, Reader, Session, command.ToArray(), response, duration) { Atr = Inner.Atr.ToArray(), Card = State() };

    /// <summary>The state the two media of this project keep in a <see cref="MemoryCard"/>; none for another medium.</summary>
    private CardState? State()
    {
        var card = Inner switch
        {
            MemoryCardOnAcsReader memory => memory.Card,
            CpuCard cpu => cpu.Card,
            _ => null,
        };
        return card is null ? null : new CardState(Inner.MediaName, card.IsUnlocked, card.Medium.HasPsc || card.Medium.IsCpu ? card.ErrorCounter : null);
    }
}
