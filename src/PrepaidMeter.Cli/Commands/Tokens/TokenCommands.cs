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
        Vectors(),
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print the result as JSON" };

    private static Option<string?> TablesOption() => new("--sta-tables")
    {
        Description = "A JSON file with the STA's substitution and permutation tables (the STSA's licensed ones); default the standard's sample tables",
    };

    /// <summary>When the token was issued: its identifier given, or a moment (or now) after the meter's last token.</summary>
    private sealed class IssueOptions
    {
        public Option<int?> Tid { get; } = new("--tid") { Description = "The token identifier (minutes since the base date) to use, instead of the minute it is issued" };

        public Option<string?> At { get; } = new("--at") { Description = "Issue as at this moment (ISO 8601; UTC unless it says otherwise, e.g. 2026-12-07T08:00:00Z) instead of now" };

        public Option<int?> AfterTid { get; } = new("--after-tid") { Description = "The identifier of the meter's last token: this one takes the minute after it if that minute (or a later one) is taken" };

        public Option<int?> Random { get; } = new("--random") { Description = "The token's random number (0–15); default drawn at random" };

        public void AddTo(Command command)
        {
            command.Options.Add(Tid);
            command.Options.Add(At);
            command.Options.Add(AfterTid);
            command.Options.Add(Random);
        }

        /// <summary>The identifier and random number, or the exit code after saying what is wrong.</summary>
        public (TokenIdentifier Id, int Random)? Resolve(ParseResult parse, CommandContext context, TokenKey key, out int exitCode)
        {
            var random = parse.GetValue(Random) ?? RandomNumberGenerator.GetInt32(16);
            var (tid, atText, after) = (parse.GetValue(Tid), parse.GetValue(At), parse.GetValue(AfterTid));
            var mistake = random switch
            {
                < 0 or > 15 => $"--random {random}: 0–15",
                _ when tid is not null && (atText is not null || after is not null) => "--tid names the identifier itself: not with --at or --after-tid",
                _ when tid is < 0 or > TokenIdentifier.Largest => $"--tid {tid}: 0–{TokenIdentifier.Largest} (24 bits)",
                _ when after is < 0 or > TokenIdentifier.Largest => $"--after-tid {after}: 0–{TokenIdentifier.Largest} (24 bits)",
                _ => null,
            };
            var moment = atText is null ? context.Time.GetUtcNow() : Moments.Parse(atText);
            mistake ??= moment is null ? $"--at '{atText}': a moment in ISO 8601, e.g. 2026-12-07T08:00:00Z" : null;
            if (mistake is not null)
            {
                exitCode = context.Fail(ExitCodes.Usage, mistake);
                return null;
            }

            var baseDate = key.BaseDate;
            var id = tid is { } given ? new TokenIdentifier(given) : TokenIdentifier.Next(moment!.Value, baseDate, after is { } last ? new TokenIdentifier(last) : null);
            var refusal = id switch
            {
                null when moment < baseDate.Start() => $"{Moments.Format(moment.Value)} is before the base date {(int)baseDate}",
                null => $"the base date {(int)baseDate}'s token identifiers are spent (its last minute is {Moments.Format(baseDate.LastMinute())}): the meter needs a key with a later base date (`prepaid token keychange --new-base-date ... --rollover`)",
                { } issued when issued.Minutes >> 16 > key.KeyExpiry => $"key expired: identifier {issued.Minutes} is past the key expiry number {key.KeyExpiry} (its top 8 bits, {issued.Minutes >> 16}, above it); the meter needs a new key",
                _ => null,
            };
            exitCode = refusal is null ? ExitCodes.Success : context.Fail(ExitCodes.Refused, refusal);
            return refusal is null ? (id!.Value, random) : null;
        }
    }

    /// <summary>The STA tables to use (and whether they came from a file), or the exit code after saying why the file will not do.</summary>
    private static (StaTables Tables, bool Given)? Tables(ParseResult parse, Option<string?> option, CommandContext context, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        if (parse.GetValue(option) is not { } path)
        {
            return (StaTables.Sample, false);
        }

        var json = PathIo.Reading(path, () => File.ReadAllText(path));
        try
        {
            return (StaTables.Read(path, json), true);
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
