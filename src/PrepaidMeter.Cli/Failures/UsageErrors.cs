using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace PrepaidMeter.Cli.Failures;

/// <summary>
/// What a wrong command line prints, instead of System.CommandLine's errors and full help on stdout: the
/// mistake first, one line each on stderr, then where to look. An unknown option is named as such: the parser
/// takes `--bogus` for a value of the command's argument (IMAGE.hex) and complains about whatever it pushed
/// aside, or nothing, leaving the command to fail on a file called "--bogus".
/// </summary>
internal static class UsageErrors
{
    /// <summary>The lines to print (without "prepaid: "), or none when the command line is one to run.</summary>
    public static IReadOnlyList<string> Of(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.Action is CommandLineAction { ClearsParseErrors: true })
        {
            // --help and the like answer even beside a mistake.
            return [];
        }

        var unknown = UnknownOptions(parse);
        if (unknown.Count > 0)
        {
            // Whatever else the parser says follows from the option being taken for a value.
            return [.. unknown.Select(option => $"unknown option '{option}'")];
        }

        return parse.Errors.Count == 0 ? [] : [.. parse.Errors.Select(e => e.Message.TrimEnd('.')).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>"Try 'prepaid card decode --help' for more information."</summary>
    public static string Hint(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var names = new List<string>();
        for (var command = parse.CommandResult; command.Parent is CommandResult parent; command = parent)
        {
            names.Insert(0, command.Command.Name);
        }

        return $"Try '{string.Join(' ', ["prepaid", .. names])} --help' for more information.";
    }

    // Option-like words (-x, --word) before any "--" that no option took as its value: the command's arguments got them, or nothing did.
    private static List<string> UnknownOptions(ParseResult parse)
    {
        var beforeDoubleDash = parse.Tokens.TakeWhile(t => t.Type != TokenType.DoubleDash).ToList();
        var takenByArguments = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        for (var command = parse.CommandResult; command is not null; command = command.Parent as CommandResult)
        {
            foreach (var argument in command.Children.OfType<ArgumentResult>())
            {
                takenByArguments.UnionWith(argument.Tokens);
            }
        }

        var unmatched = parse.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        return [.. beforeDoubleDash
            .Where(t => t.Type == TokenType.Argument && LooksLikeOption(t.Value) && (takenByArguments.Contains(t) || unmatched.Contains(t.Value)))
            .Select(t => t.Value)
            .Distinct(StringComparer.Ordinal)];
    }

    // "-" is standard input and "-5" a number; "-x" and "--word" are options.
    private static bool LooksLikeOption(string value) =>
        value.Length > 1 && value[0] == '-' && (char.IsLetter(value[1]) || (value[1] == '-' && value.Length > 2));
}
