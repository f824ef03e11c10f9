using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Cli.Commands.Vend.Amendments;

/// <summary>`prepaid vend close account|rule`: closing an account (销户) and the site's rule for its meter's credit (docs/vending.md, "Closing an account").</summary>
internal static class VendCloseCommands
{
    public static Command Close()
    {
        var account = new Command("account", "Close the account whose user card is in the reader: the card is wiped, the meter goes back to stock, its credit is refunded or kept");
        account.SetAction(parse => VendCall.Run(parse, async call =>
            call.OpenReader(parse) is { } reader ? call.Print(await call.Office.Closings.CloseAsync(call.Session, reader)) : ExitCodes.Refused));

        var rule = new Argument<string>("RULE") { Description = "refund (pay a closed meter's credit back, arrears first) or keep (the utility keeps it)" };
        var setRule = new Command("rule", "Set the site's rule for a closed meter's remaining credit") { rule };
        setRule.SetAction(parse => VendCall.Run(parse, call =>
            Task.FromResult(parse.GetValue(rule) switch
            {
                "refund" => call.Print(call.Office.Closings.SetRule(call.Session, ClosingRule.Refund), r => $"a closed meter's credit: {r.ToString().ToLowerInvariant()}"),
                "keep" => call.Print(call.Office.Closings.SetRule(call.Session, ClosingRule.Keep), r => $"a closed meter's credit: {r.ToString().ToLowerInvariant()}"),
                var other => call.Context.Fail(ExitCodes.Usage, $"RULE is refund or keep, not '{other}'"),
            })));
        return new Command("close", "Closing accounts (销户): close one with its user card, set the site's rule for its meter's credit") { account, setRule };
    }
}
