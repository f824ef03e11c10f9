using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Cli.Printing;
using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Ciphers;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Cli.Commands.Tokens;

/// <summary>
/// `prepaid token ...`: the STS token engine alone (docs/tokens.md) — make credit, management, key change and test tokens
/// for a meter, decode one, derive a decoder key. The back office's token sales are `prepaid vend token ...`.
/// </summary>
internal static partial class TokenCommands
{
    public static Command Build() => new("token", "STS keypad tokens (IEC 62055-41): make, decode, derive keys — the engine alone, for labs and vendors")
    {
        Credit(),
        Management(),
        KeyChange(),
        Test(),
        Decode(),
        Key(),
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print the result as JSON" };

    private static Option<string?> TablesOption() => new("--sta-tables")
    {
        Description = "A JSON file with the STA's substitution and permutation tables (the STSA's licensed ones); default the standard's sample tables",
    };

    /// <summary>When the token was issued: its identifier given, or a moment, or now.</summary>
    private sealed class IssueOptions
    {
        public Option<int?> Tid { get; } = new("--tid") { Description = "The token identifier (minutes since the base date) to use, instead of the minute it is issued" };

        public Option<string?> At { get; } = new("--at") { Description = "Issue as at this moment (ISO 8601, e.g. 2026-12-07T08:00:00Z) instead of now" };

        public Option<int?> Random { get; } = new("--random") { Description = "The token's random number (0–15); default drawn at random" };

        public void AddTo(Command command)
        {
            command.Options.Add(Tid);
            command.Options.Add(At);
            command.Options.Add(Random);
        }

        /// <summary>The identifier and random number, or the exit code after saying what is wrong.</summary>
        public (TokenIdentifier Id, int Random)? Resolve(ParseResult parse, CommandContext context, BaseDate baseDate, out int exitCode)
        {
            exitCode = ExitCodes.Success;
            var random = parse.GetValue(Random) ?? RandomNumberGenerator.GetInt32(16);
            if (random is < 0 or > 15)
            {
                exitCode = context.Fail(ExitCodes.Usage, $"--random {random}: 0–15");
                return null;
            }

            if (parse.GetValue(Tid) is { } minutes)
            {
                if (minutes is < 0 or > TokenIdentifier.Largest)
                {
                    exitCode = context.Fail(ExitCodes.Usage, $"--tid {minutes}: 0–{TokenIdentifier.Largest} (24 bits)");
                    return null;
                }

                return (new TokenIdentifier(minutes), random);
            }

            var atText = parse.GetValue(At);
            var moment = atText is null ? context.Time.GetUtcNow() : Moments.Parse(atText);
            if (moment is null)
            {
                exitCode = context.Fail(ExitCodes.Usage, $"--at '{atText}': a moment in ISO 8601, e.g. 2026-12-07T08:00:00Z");
                return null;
            }

            if (TokenIdentifier.At(moment.Value, baseDate) is not { } id)
            {
                exitCode = context.Fail(ExitCodes.Refused, moment < baseDate.Start()
                    ? $"{Moments.Format(moment.Value)} is before the base date {(int)baseDate}"
                    : $"the base date {(int)baseDate}'s token identifiers ran out on {Moments.Format(baseDate.LastMinute())}: the meter needs a key with a later base date (`prepaid token keychange --rollover`)");
                return null;
            }

            return (id, random);
        }
    }

    /// <summary>The STA tables to use, or the exit code after saying why the file will not do.</summary>
    private static StaTables? Tables(ParseResult parse, Option<string?> option, CommandContext context, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        if (parse.GetValue(option) is not { } path)
        {
            return StaTables.Sample;
        }

        var json = PathIo.Reading(path, () => File.ReadAllText(path));
        try
        {
            return StaTables.Read(path, json);
        }
        catch (FormatException e)
        {
            exitCode = context.Fail(ExitCodes.Refused, e.Message);
            return null;
        }
    }

    private static void Print(CommandContext context, JsonObject json, bool asJson) =>
        context.Output.WriteLine(asJson ? json.ToJsonString() : RecordText.Readable(json.ToJsonString()));
}
