using PrepaidMeter.Hardware.Traces;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// Raw APDUs to the card in a PC/SC reader, for a replay: it connects without selecting anything (a trace brings its
/// own SELECT CARD TYPE) and a reset is a reconnect that resets the card. A missing reader or card is an answer's error.
/// </summary>
public sealed class PcscApduChannel(string readerName) : IApduChannel, IDisposable
{
    private PcscContext? _context;
    private PcscConnection? _connection;

    public ChannelAnswer Transmit(ReadOnlySpan<byte> command)
    {
        try
        {
            _context ??= PcscContext.Establish();
            _connection ??= _context.Connect(readerName);
            return new(_connection.Transmit(command), null);
        }
        catch (PcscException e)
        {
            Drop(reset: false);
            return new([], e.Message);
        }
    }

    /// <summary>The next command connects anew to the card just reset.</summary>
    public void Reset() => Drop(reset: true);

    public void Dispose()
    {
        Drop(reset: false);
        _context?.Dispose();
    }

    private void Drop(bool reset)
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            if (reset)
            {
                connection.DisposeResetting();
            }
            else
            {
                connection.Dispose();
            }
        }
    }
}
