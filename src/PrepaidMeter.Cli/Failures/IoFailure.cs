using System.CommandLine;

namespace PrepaidMeter.Cli.Failures;

/// <summary>
/// The one rule for I/O failures (docs/cli.md), as one line on stderr and an exit code:
/// reading an input the user named fails — missing, a folder given as a file, unreadable — exit 2 (refused input);
/// writing an output fails — standard output, a file or folder the command writes: disk full, read-only, no such
/// folder, a file where a folder must go, a device that refuses — exit 3 (environment).
/// A failure on a path the command derived itself, or with no path at all, is the environment's: exit 3.
/// </summary>
/// <param name="Use">Reading or writing; null when the failing path is not one the user named.</param>
/// <param name="Subject">The path as the user gave it, "standard output", or the failing path; null when nothing names one.</param>
/// <param name="Reason">Why, in a few words: "no such file", "/x is a folder, not a file", "no space left on device".</param>
internal sealed record IoFailure(PathUse? Use, string? Subject, string Reason)
{
    public int ExitCode => Use == PathUse.Read ? ExitCodes.Refused : ExitCodes.Environment;

    /// <summary>The line after "prepaid: ".</summary>
    public string Message => (Use, Subject) switch
    {
        (PathUse.Read, _) => $"cannot read {Subject}: {Reason}",
        (PathUse.Write, _) => $"cannot write {Subject}: {Reason}",
        (_, { } path) => $"{path}: {Reason}",
        _ => $"input/output failure: {Reason}",
    };

    public static IoFailure Reading(string path, string reason) => new(PathUse.Read, path, reason);

    /// <summary>
    /// The failure <paramref name="exception"/> stands for, or null when it is not an I/O failure (a bug keeps its
    /// stack trace). A tagged failure (<see cref="PathAccessException"/>) says its path and direction; an untagged
    /// one thrown by code that does not tag (the meter and vend commands) is matched to the command line's
    /// values by the path in its message, and <see cref="PathRoles"/> says which way that option is used.
    /// </summary>
    public static IoFailure? Of(Exception exception, ParseResult? parse)
    {
        if (exception is PathAccessException tagged)
        {
            return Tagged(tagged);
        }

        if (!PathIo.IsIo(exception))
        {
            return null;
        }

        if (IoReasons.PathIn(exception) is not { } failing)
        {
            return new(null, null, IoReasons.Of(exception, null, p => p));
        }

        if (parse is not null && PathRoles.Named(parse, failing) is { } named)
        {
            return new(named.Use, named.Text, IoReasons.Of(exception, failing, p => Show(named.Text, p)));
        }

        return new(null, failing, IoReasons.Of(exception, failing, p => p));
    }

    private static IoFailure Tagged(PathAccessException tagged)
    {
        var inner = tagged.InnerException!;
        if (!tagged.IsPath)
        {
            return new(tagged.Use, tagged.Subject, IoReasons.Of(inner, null, p => p));
        }

        var full = PathRoles.FullPath(tagged.Subject);
        var failing = IoReasons.PathIn(inner) ?? full;
        return new(tagged.Use, tagged.Subject, IoReasons.Of(inner, failing, p => Show(tagged.Subject, p)));
    }

    /// <summary>
    /// How a reason prints <paramref name="path"/> next to the user's <paramref name="given"/>: their own spelling for
    /// their path; a parent or a file inside it relative as well when they gave a relative path, else in full.
    /// </summary>
    public static string Show(string given, string path)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(path);
        if (string.Equals(path, PathRoles.FullPath(given), StringComparison.Ordinal))
        {
            return given;
        }

        if (Path.IsPathRooted(given))
        {
            return path;
        }

        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
