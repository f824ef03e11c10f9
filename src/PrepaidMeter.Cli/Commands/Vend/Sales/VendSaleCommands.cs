using System.CommandLine;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Cli.Commands.Vend.Sales;

/// <summary>`prepaid vend sell|correct|cancel`: a sale onto the user card in the reader, and its correction or cancel before the card is swiped.</summary>
internal static class VendSaleCommands
{
    public static Command Sell() => PurchaseCommand("sell", "Sell energy or money onto the user card in the reader; refused until its last purchase is swiped",
        (call, reader, request) => call.Office.Sales.SellAsync(call.Session, reader, request));

    public static Command Correct() => PurchaseCommand("correct", "Correct the amount of the last sale before the card is swiped",
        (call, reader, request) => call.Office.Sales.CorrectAsync(call.Session, reader, request));

    public static Command Cancel()
    {
        var command = new Command("cancel", "Cancel the last sale before the card is swiped; the card goes back to the purchase before");
        command.SetAction(parse => VendCall.Run(parse, async call =>
            call.OpenReader(parse) is { } reader ? call.Print(await call.Office.Sales.CancelAsync(call.Session, reader)) : ExitCodes.Refused));
        return command;
    }

    private static Command PurchaseCommand(string name, string description, Func<VendCall, ICardReader, PurchaseRequest, Task<VendResult<Receipt>>> action)
    {
        var purchase = VendArguments.PurchaseOptions.Create();
        var command = new Command(name, description);
        foreach (var option in purchase.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => VendCall.Run(parse, async call =>
        {
            if (!VendArguments.TryPurchase(call, parse, purchase, out var request, out var exit))
            {
                return exit;
            }

            return call.OpenReader(parse) is { } reader ? call.Print(await action(call, reader, request)) : ExitCodes.Refused;
        }));
        return command;
    }
}
