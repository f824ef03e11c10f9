using System.Runtime.InteropServices;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// The few libpcsclite calls a reader needs (the NuGet PCSC package is not available here). On 64-bit
/// Linux pcsc-lite's LONG and DWORD are C longs, so every one of them is a native integer here.
/// </summary>
internal static partial class PcscNative
{
    private const string Library = "libpcsclite.so.1";

    public const uint ScopeSystem = 2;
    public const uint ShareShared = 2;
    public const uint ProtocolT0 = 1;
    public const uint ProtocolT1 = 2;
    public const uint LeaveCard = 0;
    public const uint ResetCard = 1;

    // SCARD_STATE_* bits of a reader state; pcsc-lite keeps an event counter in the upper 16 bits.
    public const uint StateUnaware = 0x0000;
    public const uint StateChanged = 0x0002;
    public const uint StateUnknown = 0x0004;
    public const uint StateUnavailable = 0x0008;
    public const uint StateEmpty = 0x0010;
    public const uint StatePresent = 0x0020;
    public const uint StateMute = 0x0200;

    /// <summary>SCARD_READERSTATE as pcsc-lite lays it out on 64-bit Linux (DWORDs are C longs, a 33-byte ATR).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct ReaderState
    {
        public nint Reader;
        public nint UserData;
        public nuint CurrentState;
        public nuint EventState;
        public nuint AtrLength;
        public fixed byte Atr[33];
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct IoRequest
    {
        public nuint Protocol;
        public nuint Length;
    }

    [LibraryImport(Library, EntryPoint = "SCardEstablishContext")]
    public static partial nint EstablishContext(nuint scope, nint reserved1, nint reserved2, out nint context);

    [LibraryImport(Library, EntryPoint = "SCardReleaseContext")]
    public static partial nint ReleaseContext(nint context);

    [LibraryImport(Library, EntryPoint = "SCardListReaders")]
    public static partial nint ListReaders(nint context, nint groups, [Out] byte[]? readers, ref nuint length);

    [LibraryImport(Library, EntryPoint = "SCardConnect", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint Connect(nint context, string reader, nuint shareMode, nuint preferredProtocols, out nint card, out nuint activeProtocol);

    [LibraryImport(Library, EntryPoint = "SCardDisconnect")]
    public static partial nint Disconnect(nint card, nuint disposition);

    [LibraryImport(Library, EntryPoint = "SCardGetStatusChange")]
    public static partial nint GetStatusChange(nint context, nuint timeoutMilliseconds, ref ReaderState states, nuint count);

    [LibraryImport(Library, EntryPoint = "SCardStatus")]
    public static partial nint Status(nint card, [Out] byte[] readerName, ref nuint readerLength, out nuint state, out nuint protocol, [Out] byte[] atr, ref nuint atrLength);

    [LibraryImport(Library, EntryPoint = "SCardTransmit")]
    public static partial nint Transmit(nint card, in IoRequest sendPci, byte[] send, nuint sendLength, nint receivePci, [Out] byte[] receive, ref nuint receiveLength);
}
