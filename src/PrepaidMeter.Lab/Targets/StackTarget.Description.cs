using System.Globalization;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// What the stack target used: pcscd and vpcd's reader slots, and for each meter device started on the board its
/// reader, its serial pair and its process. What only this machine and run can say — process ids, the pseudo-terminals'
/// paths, the command line with its temporary NVRAM, the NVRAM folder — is marked run-specific.
/// </summary>
public sealed partial class StackTarget : IDescribedTarget
{
    /// <summary>Where libpcsclite finds pcscd unless PCSCLITE_CSOCK_NAME says otherwise, and where pcscd writes its pid.</summary>
    private const string PcscdSocket = "/run/pcscd/pcscd.comm";
    private const string PcscdPidFile = "/run/pcscd/pcscd.pid";

    public IReadOnlyList<TargetPart> Describe()
    {
        var parts = new List<TargetPart>
        {
            new("meters", "each a `prepaid meter run --lab` device process (the reference model as a program of its own) behind the real PC/SC and serial stacks"),
            new("card stack", "pcscd with vsmartcard's vpcd driver, through libpcsclite; each card is the project's virtual card in a vpcd slot"),
            new("counter's card reader", "in memory, in the lab's process (the back office's)"),
            new("pcscd", Pcscd(), RunSpecific: true),
        };
        foreach (var device in _board.Devices)
        {
            var slot = device.Slot.ToString(CultureInfo.InvariantCulture);
            parts.Add(new($"slot {slot} card reader", $"{device.Reader} (vpcd slot {slot})"));
            parts.Add(new($"slot {slot} meter link", $"{device.Protocol} at {SerialWords.Of(device.Serial)}, on a socat pseudo-terminal pair"));
            parts.Add(new($"slot {slot} device process", $"process {device.ProcessId}: {string.Join(' ', device.CommandLine.Select(Quoted))}", RunSpecific: true));
            parts.Add(new($"slot {slot} serial pair", $"meter's end {Pty(device.MeterEnd)}, lab's end {Pty(device.LabEnd)}", RunSpecific: true));
        }

        parts.Add(new("NVRAM folder", _board.Folder, RunSpecific: true));
        return parts;
    }

    private static string Pcscd()
    {
        var socket = Environment.GetEnvironmentVariable("PCSCLITE_CSOCK_NAME") is { Length: > 0 } named ? named : PcscdSocket;
        string pid;
        try
        {
            // pcscd writes the number, a newline and a NUL: the digits are the pid.
            pid = new string([.. File.ReadAllText(PcscdPidFile).SkipWhile(char.IsWhiteSpace).TakeWhile(char.IsAsciiDigit)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            pid = "";
        }

        // A pcscd started elsewhere (another --pid file, a container) still answered; only its pid is unknown then.
        return pid.Length > 0 ? $"process {pid}, socket {socket}" : $"socket {socket} (no pid in {PcscdPidFile})";
    }

    /// <summary>socat's link and the pseudo-terminal it names ("/tmp/…/ttyMeter → /dev/pts/4").</summary>
    private static string Pty(string link)
    {
        try
        {
            return File.ResolveLinkTarget(link, returnFinalTarget: true) is { } target ? $"{link} → {target.FullName}" : link;
        }
        catch (IOException)
        {
            return link;
        }
    }

    private static string Quoted(string argument) => argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument;
}
