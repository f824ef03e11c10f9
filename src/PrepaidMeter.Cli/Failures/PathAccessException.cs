namespace PrepaidMeter.Cli.Failures;

/// <summary>
/// An I/O failure tagged with what the command was doing: the path as the user gave it (or "standard output")
/// and whether it was reading or writing. The exception underneath often cannot say either — a stream's write
/// names no path, and reading and writing a folder fail alike — so code that knows tags it, and
/// <see cref="CommandRun.Guarded(System.CommandLine.ParseResult, Func{CommandContext, Task{int}})"/> reports it.
/// </summary>
internal sealed class PathAccessException : Exception
{
    public PathAccessException(string subject, bool isPath, PathUse use, Exception inner)
        : base($"cannot {(use == PathUse.Read ? "read" : "write")} {subject}", inner)
    {
        Subject = subject;
        IsPath = isPath;
        Use = use;
    }

    /// <summary>The path as given on the command line, or a name such as "standard output".</summary>
    public string Subject { get; }

    /// <summary>False when <see cref="Subject"/> names no file (standard output).</summary>
    public bool IsPath { get; }

    public PathUse Use { get; }
}
