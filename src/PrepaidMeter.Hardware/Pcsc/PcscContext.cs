using System.Text;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>A PC/SC resource-manager context (pcscd): lists readers and connects to the card in one.</summary>
public sealed class PcscContext : IDisposable
{
    private readonly nint _handle;

    private PcscContext(nint handle) => _handle = handle;

    /// <exception cref="PcscException">pcscd is not running, or libpcsclite is missing.</exception>
    public static PcscContext Establish()
    {
        try
        {
            var result = (uint)PcscNative.EstablishContext(PcscNative.ScopeSystem, 0, 0, out var handle);
            return result == PcscStatus.Success ? new PcscContext(handle) : throw new PcscException("connecting to pcscd", result);
        }
        catch (DllNotFoundException e)
        {
            throw new PcscException("libpcsclite.so.1 is not installed (apt-get install libpcsclite1 pcscd)", e);
        }
    }

    public IReadOnlyList<string> ListReaders()
    {
        nuint length = 0;
        var result = (uint)PcscNative.ListReaders(_handle, 0, null, ref length);
        if (result == PcscStatus.NoReadersAvailable)
        {
            return [];
        }

        Check("listing readers", result);
        var buffer = new byte[(int)length];
        Check("listing readers", (uint)PcscNative.ListReaders(_handle, 0, buffer, ref length));
        return Encoding.UTF8.GetString(buffer, 0, (int)length).Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Connects to the card in <paramref name="reader"/>; the failure's code says whether there is no card or no reader.</summary>
    public PcscConnection Connect(string reader)
    {
        var result = (uint)PcscNative.Connect(_handle, reader, PcscNative.ShareShared, PcscNative.ProtocolT0 | PcscNative.ProtocolT1, out var card, out var protocol);
        if (result != PcscStatus.Success)
        {
            throw new PcscException($"reader '{reader}'", result);
        }

        return new PcscConnection(card, protocol);
    }

    /// <summary>
    /// Blocks until the state of <paramref name="reader"/> differs from <paramref name="known"/> or the timeout
    /// passes (SCardGetStatusChange): pcscd tells us of a card going in or out, nobody polls. Returns the new
    /// state, or <paramref name="known"/> on a timeout.
    /// </summary>
    /// <exception cref="PcscException">No such reader, or pcscd went away.</exception>
    public unsafe uint WaitForChange(string reader, uint known, TimeSpan timeout)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(reader + "\0");
        fixed (byte* text = name)
        {
            var state = new PcscNative.ReaderState { Reader = (nint)text, CurrentState = known };
            var result = (uint)PcscNative.GetStatusChange(_handle, (nuint)Math.Max(0, (long)timeout.TotalMilliseconds), ref state, 1);
            if (result == PcscStatus.Timeout)
            {
                return known;
            }

            Check($"waiting on reader '{reader}'", result);
            return (uint)state.EventState & ~PcscNative.StateChanged;
        }
    }

    internal static void Check(string operation, uint result)
    {
        if (result != PcscStatus.Success)
        {
            throw new PcscException(operation, result);
        }
    }

    public void Dispose() => PcscNative.ReleaseContext(_handle);
}
