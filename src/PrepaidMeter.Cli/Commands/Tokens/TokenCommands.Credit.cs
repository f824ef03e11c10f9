using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Cli.Commands.Tokens;

internal static partial class TokenCommands
{
    private static readonly IReadOnlyDictionary<string, CreditKind> CreditKinds = new Dictionary<string, CreditKind>(StringComparer.Ordinal)
    {
        ["electricity"] = CreditKind.Electricity,
        ["water"] = CreditKind.Water,
        ["gas"] = CreditKind.Gas,
        ["time"] = CreditKind.Time,
    };

    private static Command Credit()
    {
        var keys = new TokenKeyOptions();
        var issue = new IssueOptions();
        var tables = TablesOption();
        var json = JsonOption();
        var kind = new Option<string>("--kind") { Description = "What the credit is: electricity (kWh), water or gas (m³), time (minutes)", DefaultValueFactory = _ => "electricity" };
        var amount = new Option<string>("--amount") { Description = "The credit in the kind's unit, e.g. 12.5; rounded up to what the token carries (tenths, coarser above 1 638.3)", Required = true };
        var command = new Command("credit", "Make a credit token (class 0) for a meter") { kind, amount, tables, json };
        keys.AddTo(command);
        issue.AddTo(command);
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            if (!CreditKinds.TryGetValue(parse.GetValue(kind)!, out var creditKind))
            {
                return context.Fail(ExitCodes.Usage, $"--kind '{parse.GetValue(kind)}': {string.Join(", ", CreditKinds.Keys)} (currency tokens need the CRC_C, whose definition is not public)");
            }

            var asked = parse.GetValue(amount)!;
            if (!decimal.TryParse(asked, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > TransferAmount.Largest / 10m)
            {
                return context.Fail(ExitCodes.Usage, $"--amount '{asked}': a number from 0 to {TransferAmount.Largest / 10m:0.0}");
            }

            if (Tables(parse, tables, context, out var failed) is not { } staTables)
            {
                return failed;
            }

            if (keys.Read(parse).Resolve(staTables, out var mistake) is not { } key)
            {
                return context.Fail(ExitCodes.Usage, mistake!);
            }

            if (issue.Resolve(parse, context, key.BaseDate, out failed) is not { } issued)
            {
                return failed;
            }

            // Tenths of the unit, rounded up, then up again to the field's coarser steps: never less than was sold.
            var carried = TransferAmount.RoundedUp((long)decimal.Ceiling(value * 10))!.Value;
            var token = new CreditToken(creditKind, issued.Random, issued.Id, carried);
            var number = key.Codec().Encode(token);
            var description = TokenDescription.Of(token, key.BaseDate, number);
            description["asked"] = asked;
            description["for"] = key.Describe();
            Print(context, description, parse.GetValue(json));
            return ExitCodes.Success;
        }));
        return command;
    }
}
