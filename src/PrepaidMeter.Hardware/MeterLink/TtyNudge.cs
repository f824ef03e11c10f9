using System.Runtime.InteropServices;

namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// Seen here with pseudo-terminals (socat pairs): once System.IO.Ports has opened and closed a pty, its
/// next open fails with "Value does not fall within the expected range" until any termios flag changes
/// (`stty -F PORT icanon` clears it). Before retrying an open that failed so, this sets ICANON through
/// libc; the open then sets the line up raw again, as it always does.
/// </summary>
internal static partial class TtyNudge
{
    // struct termios on Linux: four tcflag_t, c_line, NCCS = 32 control characters, two speeds.
    private const int TermiosBytes = 60;
    private const int LocalFlagsOffset = 12;
    private const uint Canonical = 0x2;
    private const int OpenReadWriteNoControllingTerminal = 0x2 | 0x100;

    public static bool TryNudge(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var fd = Open(path, OpenReadWriteNoControllingTerminal);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            Span<byte> termios = stackalloc byte[TermiosBytes + 64];
            if (GetAttributes(fd, ref termios[0]) != 0)
            {
                return false;
            }

            var flags = MemoryMarshal.Read<uint>(termios[LocalFlagsOffset..]) | Canonical;
            MemoryMarshal.Write(termios[LocalFlagsOffset..], in flags);
            return SetAttributes(fd, 0, ref termios[0]) == 0;
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetattr")]
    private static partial int GetAttributes(int fd, ref byte termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr")]
    private static partial int SetAttributes(int fd, int when, ref byte termios);
}
