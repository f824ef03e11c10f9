using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;

namespace PrepaidMeter.Cli.Commands.Vend.Tolerance;

/// <summary>
/// `prepaid vend tolerance sell|reset`: the administrators' error-tolerance functions (容错售电, 重置售电), each with a
/// reason — a sale past "card not swiped" on a meter reading's evidence, and a card written again from the books.
/// </summary>
internal static class VendToleranceCommands
{
    public static Command Tolerance()
    {
        var purchase = VendArguments.PurchaseOptions.Create();
        var saleReason = new Option<string>("--reason") { Description = "Why the card cannot show its last purchase loaded (logged)", Required = true };
        var unverified = new Option<bool>("--unverified")
        {
            Description = "Sell on your own word when no reading of the meter since the last sale says either way (recorded as unverified)",
        };
        var sell = new Command("sell", "Error-tolerance sale: sell onto the card in the reader although it does not show its last purchase loaded, when the meter's latest reading does") { saleReason, unverified };
        foreach (var option in purchase.All)
        {
            sell.Options.Add(option);
        }

        sell.SetAction(parse => VendCall.Run(parse, async call =>
        {
            if (!VendArguments.TryPurchase(call, parse, purchase, out var request, out var exit))
            {
                return exit;
            }

            return call.OpenReader(parse) is { } reader
                ? call.Print(await call.Office.Tolerance.SellAsync(call.Session, reader, request, parse.GetValue(saleReason)!, parse.GetValue(unverified)))
                : ExitCodes.Refused;
        }));

        var account = new Option<long>("--account") { Description = "The account whose card is in the reader", Required = true };
        var resetReason = new Option<string>("--reason") { Description = "What is wrong with the card (logged)", Required = true };
        var reset = new Command("reset", "Reset for selling: write the account's unreadable or mismatched card in the reader again from the books (its last purchase, no new money)") { account, resetReason };
        reset.SetAction(parse => VendCall.Run(parse, async call =>
            call.OpenReader(parse) is { } reader
                ? call.Print(await call.Office.Tolerance.ResetAsync(call.Session, reader, parse.GetValue(account), parse.GetValue(resetReason)!))
                : ExitCodes.Refused));
        return new Command("tolerance", "Error-tolerance selling and reset for selling (administrators, with a reason)") { sell, reset };
    }
}
