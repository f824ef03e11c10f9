using System.Text.RegularExpressions;

namespace PrepaidMeter.Cli.Failures;

/// <summary>
/// Why a path could not be used, in a few words, from the exception and a look at the file system. The look
/// matters: the runtime says "Access to the path is denied" for a folder opened as a file (even as root) and
/// "Could not find a part of the path" for a parent that is a file; a user needs "X is a folder, not a file".
/// </summary>
internal static partial class IoReasons
{
    // Linux errno values, which the runtime puts in HResult of the IOExceptions it has no type for.
    private const int NotADirectory = 20;
    private const int IsADirectory = 21;
    private const int Exists = 17;

    /// <summary>The path the exception names, in full, or null (a stream's or a console's failure names none).</summary>
    public static string? PathIn(Exception exception)
    {
        var named = (exception as FileNotFoundException)?.FileName ?? QuotedPath(exception.Message);
        return named is null ? null : PathRoles.FullPath(named);
    }

    /// <param name="exception">The failure.</param>
    /// <param name="failing">The full path that failed, or null.</param>
    /// <param name="show">How to print a path: the user's spelling of their own path.</param>
    public static string Of(Exception exception, string? failing, Func<string, string> show)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(show);
        if (failing is null)
        {
            return Os(exception);
        }

        if ((exception is UnauthorizedAccessException || exception.HResult == IsADirectory) && Directory.Exists(failing))
        {
            return $"{show(failing)} is a folder, not a file";
        }

        if (exception.HResult == Exists && File.Exists(failing))
        {
            // Directory.CreateDirectory on a file.
            return $"{show(failing)} is a file, not a folder";
        }

        if (exception is FileNotFoundException or DirectoryNotFoundException || exception.HResult == NotADirectory)
        {
            return NotThere(failing, show, expectFolder: exception is DirectoryNotFoundException);
        }

        return exception is UnauthorizedAccessException ? "permission denied" : Os(exception);
    }

    /// <summary>
    /// Why <paramref name="failing"/> is not there: walks up to the first part that exists — a file there is the
    /// fault ("/x is a file, not a folder"); else the first missing folder ("no such folder /x"); else the path itself.
    /// </summary>
    public static string NotThere(string failing, Func<string, string> show, bool expectFolder)
    {
        ArgumentNullException.ThrowIfNull(show);
        if (expectFolder && File.Exists(failing))
        {
            // A file read as a folder (listing it, creating in it).
            return $"{show(failing)} is a file, not a folder";
        }

        var missing = failing;
        for (var parent = Path.GetDirectoryName(missing); parent is not null && !Directory.Exists(parent); parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                return $"{show(parent)} is a file, not a folder";
            }

            missing = parent;
        }

        if (!string.Equals(missing, failing, StringComparison.Ordinal))
        {
            return $"no such folder {show(missing)}";
        }

        return expectFolder ? "no such folder" : "no such file";
    }

    // The operating system's words without the runtime's " : '/path'" tail: "No space left on device" → "no space left on device".
    private static string Os(Exception exception)
    {
        var text = PathTail().Replace(exception.Message, "").Trim().TrimEnd('.');
        if (text.Length == 0)
        {
            return exception.GetType().Name;
        }

        return text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    // The runtime quotes the path in every message that has one: "Could not find file '/x'.", "Input/output error : '/x'".
    private static string? QuotedPath(string message)
    {
        var first = message.IndexOf('\'', StringComparison.Ordinal);
        var last = message.LastIndexOf('\'');
        return first >= 0 && last > first + 1 ? message[(first + 1)..last] : null;
    }

    [GeneratedRegex(@"\s*:\s*'[^']*'\s*\.?$")]
    private static partial Regex PathTail();
}
