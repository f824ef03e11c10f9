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
            if (inputs.Resolve(staTables, out var mistake) is not { } key)
            {
                return context.Fail(ExitCodes.Usage, mistake!);
            }

            if (next.Over(parse, inputs).Resolve(staTables, out mistake) is not { } newKey || newKey.Meter is not { } newMeter)
            {
                return context.Fail(ExitCodes.Usage, mistake is null ? "a key change needs the meter: --meter and --sgc" : $"the new key: {mistake}");
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
}
