using System.CommandLine;
using System.Text.Json;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Devices.Host;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.Tokens;

namespace PrepaidMeter.Cli.Commands.Meter;

/// <summary>
/// `prepaid meter token` and `prepaid meter keypad`: a token typed at the virtual meter's keypad (rules TK). As `meter
/// insert` does, the meter decides, its NVRAM is saved, and the result code is printed: exit 0 when the meter took the
/// token, 2 when it refused it (its display says why), 3 when its NVRAM could not be saved.
/// </summary>
internal static class MeterTokenCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Token()
    {
        var file = new Argument<string>("METER.nvram") { Description = "The meter's NVRAM file" };
        var digits = new Argument<string>("TOKEN") { Description = "The 20-digit token, spaces or dashes between the groups allowed (quote it)" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("token", "Enter a whole token at the meter's keypad: the meter applies its token rules, saves its NVRAM, and prints what its display shows")
        {
            file, digits, json,
        };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
            Enter(context, parse.GetValue(file)!, parse.GetValue(json), meter => [meter.EnterToken(parse.GetValue(digits)!)], out _)));
        return command;
    }

    public static Command Keypad()
    {
        var file = new Argument<string>("METER.nvram") { Description = "The meter's NVRAM file" };
        var keys = new Argument<string>("KEYS") { Description = "Keys as typed: 0-9, B or < backspace, # or E enter; spaces and dashes skipped (\"1234 5678 ... #\")" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("keypad", "Type keys at the meter's keypad: each enter hands the digits typed to the meter (20 digits make a token); prints each result")
        {
            file, keys, json,
        };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            string? problem = null;
            var code = Enter(context, parse.GetValue(file)!, parse.GetValue(json), meter => new global::PrepaidMeter.Meter.Keypad(meter).Type(parse.GetValue(keys)!, out problem), out var usage);
            return usage ? context.Fail(ExitCodes.Usage, $"KEYS: {problem}") : code;
        }));
        return command;
    }

    /// <param name="usage">True when <paramref name="type"/> found the keys unusable (it returned null): nothing was entered or saved.</param>
    private static int Enter(CommandContext context, string path, bool json, Func<VirtualMeter, IReadOnlyList<TokenOutcome>?> type, out bool usage)
    {
        usage = false;
        if (MeterFiles.TryLoad(path, out var meter) is { } error)
        {
            return context.Fail(ExitCodes.Refused, error);
        }

        if (!meter!.Model.TakesTokens)
        {
            return context.Fail(ExitCodes.Refused, $"{path}: model {meter.Model.Id} takes no tokens (media card): it has no keypad");
        }

        if (type(meter) is not { } outcomes)
        {
            usage = true;
            return ExitCodes.Usage;
        }

        if (outcomes.Count == 0)
        {
            return context.Fail(ExitCodes.Usage, "no enter key (#) in the keys: nothing was entered");
        }

        if (MeterFiles.TrySave(path, meter) is { } problem)
        {
            return context.Fail(ExitCodes.Environment, $"the meter's NVRAM could not be saved to {path} ({problem}); the meter did not keep the entry");
        }

        var remaining = meter.Snapshot().Remaining.ToString();
        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(new
            {
                entries = outcomes.Select(o => new { response = o.Response.ToString(), display = o.Display, accepted = o.Accepted, detail = o.Detail, shown = o.Shown }),
                remaining,
            }, Indented));
        }
        else
        {
            foreach (var outcome in outcomes)
            {
                context.Output.WriteLine(outcome.ToString());
            }
        }

        var refused = outcomes.Count(o => !o.Accepted);
        if (refused == 0)
        {
            return ExitCodes.Success;
        }

        return json ? ExitCodes.Refused : context.Fail(ExitCodes.Refused, outcomes.Count == 1 ? $"token refused ({outcomes[0].Response})" : $"{refused} of {outcomes.Count} entries refused");
    }

    /// <summary>`meter new`'s STS install for a token model: the DRN and the key (given, or derived from the vending key); null with the reason.</summary>
    public static TokenInstall? Install(MeterModel model, string? drn, string? decoderKey, string? vendingKey, out string? problem)
    {
        problem = null;
        if (model.Token is not { } rule)
        {
            problem = drn is not null || decoderKey is not null || vendingKey is not null
                ? $"model {model.Id} takes no tokens (media card): --drn, --decoder-key and --vending-key are for token meters"
                : null;
            return null;
        }

        if (drn is null || (decoderKey is null) == (vendingKey is null))
        {
            problem = $"model {model.Id} takes tokens: give --drn and one of --decoder-key or --vending-key";
            return null;
        }

        return decoderKey is not null
            ? TokenInstall.WithDecoderKey(rule, drn, decoderKey, out problem)
            : TokenInstall.FromVendingKey(rule, drn, vendingKey!, out problem);
    }
}
