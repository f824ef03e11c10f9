using System.CommandLine;
using System.CommandLine.Parsing;

namespace PrepaidMeter.Cli.Failures;

/// <summary>
/// Which way a command uses the paths on its command line, for I/O failures thrown by code that does not say
/// (<see cref="PathIo"/>): the meter's and the back office's commands. Outputs go by name — an option that names
/// where a command writes is called one of <see cref="OutputOptions"/> — and a file read and then written back
/// in place (a meter's NVRAM, a card file) failed on its read when it is not a readable file now, else on its write.
/// </summary>
internal static class PathRoles
{
    /// <summary>The names of options that say where a command writes (docs/cli.md).</summary>
    public static readonly IReadOnlySet<string> OutputOptions = new HashSet<string>(StringComparer.Ordinal) { "--out", "--junit", "--report", "--xlsx", "--chart", "--trace" };

    // (command, argument or option) pairs that name an output: backup FILE, audit anchor --anchors (checked by audit verify --anchors, which reads it).
    private static readonly HashSet<(string Command, string Symbol)> OutputArguments = [("backup", "FILE"), ("anchor", "--anchors")];

    // Files a command reads and then writes back in place.
    private static readonly HashSet<string> ReadThenWritten = new(StringComparer.Ordinal) { "--meter", "CARD.hex", "--image" };

    /// <summary>The command-line value that names <paramref name="failing"/> (the path itself, a file beside it such as PATH.tmp, or a file inside it), and how it is used.</summary>
    public static (string Text, string Full, PathUse Use)? Named(ParseResult parse, string failing)
    {
        ArgumentNullException.ThrowIfNull(parse);
        (string Text, string Full, PathUse Use)? best = null;
        for (var command = parse.CommandResult; command is not null; command = command.Parent as CommandResult)
        {
            foreach (var child in command.Children)
            {
                var symbol = child switch
                {
                    OptionResult option => option.Option.Name,
                    ArgumentResult argument => argument.Argument.Name,
                    _ => null,
                };
                foreach (var token in symbol is null ? [] : child.Tokens)
                {
                    var full = FullPath(token.Value);
                    if (Names(full, failing) && (best is null || full.Length > best.Value.Full.Length))
                    {
                        best = (token.Value, full, UseOf(command.Command.Name, symbol!, full));
                    }
                }
            }
        }

        return best;
    }

    /// <summary>The full form of a path, or the text itself when it is no path at all.</summary>
    public static string FullPath(string path)
    {
        try
        {
            return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }

    private static bool Names(string given, string failing) =>
        failing.StartsWith(given, StringComparison.Ordinal) && (failing.Length == given.Length || failing[given.Length] is '.' or '/');

    private static PathUse UseOf(string command, string symbol, string full)
    {
        if (OutputOptions.Contains(symbol) || OutputArguments.Contains((command, symbol)))
        {
            return PathUse.Write;
        }

        // Read first, written after: if it is a file now, the read went through and the write failed.
        return ReadThenWritten.Contains(symbol) && File.Exists(full) ? PathUse.Write : PathUse.Read;
    }
}
