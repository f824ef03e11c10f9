using System.CommandLine;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.Traces;

namespace PrepaidMeter.Cli.Commands.Cards.Traces;

/// <summary>
/// `--trace FILE` on a command that talks to a card: the file is created before the card is touched (one that cannot
/// be is the I/O rule's exit 3, and nothing was done), every exchange is a line flushed as it happens, and a file that
/// fails part-way stops the recording, not the work: the command finishes, then says so and exits 3.
/// </summary>
internal sealed class TraceRecording : IDisposable
{
    private readonly string _path;

    private TraceRecording(string path, JsonLinesCardTrace trace) => (_path, Trace) = (path, trace);

    public static Option<string?> Option(bool recursive) => new("--trace")
    {
        Description = "Record every APDU exchanged with the card to this file, one JSON object a line (docs/card-media.md, \"Traces\"); the file is replaced",
        Recursive = recursive,
    };

    /// <exception cref="PathAccessException">The file cannot be created (the I/O rule reports it).</exception>
    public static TraceRecording Open(string path, TimeProvider time) => new(path, PathIo.Writing(path, () => JsonLinesCardTrace.Create(path, time)));

    public JsonLinesCardTrace Trace { get; }

    /// <summary>Closes the file; <paramref name="exitCode"/>, or when the trace could not be written in full the I/O rule's code, said on stderr.</summary>
    public int Close(CommandContext context, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        Trace.Dispose();
        if (Trace.Failure is not { } failure || IoFailure.Of(new PathAccessException(_path, isPath: true, PathUse.Write, failure), null) is not { } io)
        {
            return exitCode;
        }

        context.Fail(io.ExitCode, $"{io.Message}; the trace holds the first {Trace.Lines} exchanges only (the command's own work is not affected)");
        return exitCode == ExitCodes.Success ? io.ExitCode : exitCode;
    }

    public void Dispose() => Trace.Dispose();
}
