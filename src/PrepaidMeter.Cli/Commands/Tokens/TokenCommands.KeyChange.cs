using System.CommandLine;
using System.Text.Json.Nodes;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Cli.Commands.Tokens;

internal static partial class TokenCommands
{
    private static Command KeyChange()
    {
        var current = new TokenKeyOptions();
        var next = new TokenKeyOptions("new-", " of the new key (default the current one's)");
        var tables = TablesOption();
        var json = JsonOption();
        var rollover = new Option<bool>("--rollover") { Description = "Set the rollover bit: the meter takes the new key's base date and forgets the token identifiers it keeps (the TID rollover)" };
        var command = new Command("keychange", "Make the key change tokens (2 for a 64-bit key, 4 for a 128-bit one), encrypted under the meter's current key; enter them all") { rollover, tables, json };
        current.AddTo(command);
        foreach (var option in new Option[] { next.SupplyGroup, next.TariffIndex, next.KeyRevision, next.KeyType, next.BaseDate, next.KeyExpiry, next.Algorithm, next.Generation, next.VendingKey, next.DecoderKey })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            if (Tables(parse, tables, context, out var failed) is not { } staTables)
            {
                return failed;
            }

            var inputs = current.Read(parse);
            if (inputs.Resolve(staTables.Tables, staTables.Given, out var mistake) is not { } key)
            {
                return context.Fail(ExitCodes.Usage, mistake!);
            }

            if (next.Over(parse, inputs).Resolve(staTables.Tables, tablesGiven: false, out mistake) is not { } newKey || newKey.Meter is not { } newMeter)
            {
                return context.Fail(ExitCodes.Usage, mistake ?? "a key change needs the meter: --meter and --sgc");
            }

            if (Refusal(key, newKey, parse.GetValue(rollover)) is { } refusal)
            {
                return context.Fail(ExitCodes.Usage, refusal);
            }

            var sections = KeyChangeTokens.For(newKey.Key, newMeter, parse.GetValue(rollover));
            var codec = key.Codec();
            var tokens = new JsonArray([.. sections.Select(section => (JsonNode)TokenDescription.Of(section, key.BaseDate, codec.Encode(section)))]);
            var result = new JsonObject
            {
                ["for"] = key.Describe(),
                ["newKey"] = newKey.Describe(),
                ["newBaseDate"] = (int)newKey.BaseDate,
                ["rollover"] = parse.GetValue(rollover),
                ["tokens"] = tokens,
            };
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(result.ToJsonString());
                return ExitCodes.Success;
            }

            context.Output.WriteLine($"key change for {key.Describe()} → {newKey.Describe()}, base date {(int)newKey.BaseDate}{(parse.GetValue(rollover) ? ", rollover" : "")}");
            foreach (var (token, index) in tokens.Select((t, i) => (t!, i)))
            {
                context.Output.WriteLine($"{index + 1}. {token["token"]}  ({token["type"]})");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// Why these tokens must not be made: a change to the key the meter already has (with the rollover bit it would also
    /// forget its identifiers, and take every old token again), or a base date that moves without the rollover bit, moves
    /// back, or stays while the bit is set.
    /// </summary>
    private static string? Refusal(TokenKey key, TokenKey newKey, bool rollover) => (newKey.BaseDate.CompareTo(key.BaseDate), rollover) switch
    {
        ( < 0, _) => $"--new-base-date {(int)newKey.BaseDate}: a meter's base date only moves forward (it is {(int)key.BaseDate})",
        ( > 0, false) => $"--new-base-date {(int)newKey.BaseDate}: a new base date needs --rollover (the meter moves to it and forgets its identifiers)",
        (0, true) => $"--rollover moves the meter to a later base date: give --new-base-date (it is {(int)key.BaseDate})",
        _ when newKey.Key.ToHex() == key.Key.ToHex() => "the new key is the meter's current key: change --new-krn, --new-vending-key or another of the key's values",
        _ => null,
    };
}
