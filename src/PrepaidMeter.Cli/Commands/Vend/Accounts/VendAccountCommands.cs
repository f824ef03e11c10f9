using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;

namespace PrepaidMeter.Cli.Commands.Vend.Accounts;

/// <summary>`prepaid vend account open|charge|list|...`: a customer's account on a meter, opened with its first sale onto a new user card (the meter account's commands: VendLedgerCommands).</summary>
internal static class VendAccountCommands
{
    public static Command Accounts()
    {
        var customer = new Option<string>("--customer") { Description = "Customer number", Required = true };
        var meter = new Option<string>("--meter") { Description = "A meter in stock", Required = true };
        var price = new Option<long>("--price") { Description = "Price type id", Required = true };
        var purchase = VendArguments.PurchaseOptions.Create();
        var open = new Command("open", "Open an account and write its user card (a blank in the reader) with the first purchase") { customer, meter, price };
        foreach (var option in purchase.All)
        {
            open.Options.Add(option);
        }

        open.SetAction(parse => VendCall.Run(parse, async call =>
        {
            if (!VendArguments.TryPurchase(call, parse, purchase, out var request, out var exit))
            {
                return exit;
            }

            if (!VendArguments.TryParse(call, "--customer", CustomerNumber.Parse(parse.GetValue(customer)), out var c)
                || !VendArguments.TryParse(call, "--meter", MeterNumber.Parse(parse.GetValue(meter)), out var m)
                || call.OpenReader(parse) is not { } reader)
            {
                return ExitCodes.Refused;
            }

            return call.Print(await call.Office.Accounts.OpenAsync(call.Session, reader, c, m, parse.GetValue(price), request));
        }));
        var id = new Argument<long>("ACCOUNT") { Description = "Account id" };
        var amount = new Option<string>("--amount") { Description = "Money owed", Required = true };
        var reason = new Option<string>("--reason") { Description = "What the fee is for", Required = true };
        var charge = new Command("charge", "Add arrears the next sale collects first") { id, amount, reason };
        charge.SetAction(parse => VendCall.Run(parse, call =>
            Task.FromResult(VendArguments.TryParse(call, "--amount", Money.Parse(parse.GetValue(amount)), out var a)
                ? call.Print(call.Office.Accounts.ChargeArrears(call.Session, parse.GetValue(id), a, parse.GetValue(reason)!))
                : ExitCodes.Refused)));
        var of = new Option<string>("--customer") { Description = "Only this customer's accounts" };
        var list = new Command("list", "List open accounts") { of };
        list.SetAction(parse => VendCall.Run(parse, call =>
        {
            return Task.FromResult(VendArguments.TryParseOptional(call, "--customer", parse.GetValue(of), CustomerNumber.Parse, out var c)
                ? call.Print(call.Office.Accounts.List(call.Session, c))
                : ExitCodes.Refused);
        }));
        var text = new Argument<string>("TEXT") { Description = "An account id, a meter or customer number, or part of a customer's name, address or contact" };
        var search = new Command("search", "Find open accounts as the counter does: by account id, meter or customer number, or the customer's details (at most 100)") { text };
        search.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Accounts.Search(call.Session, parse.GetValue(text)!)))));
        return new Command("account", "Accounts: open with a first purchase, charge arrears, list, search; transfer to another customer; the book, the check, receivables")
        {
            open, charge, list, search, VendLedgerCommands.Transfer(), VendLedgerCommands.Book(), VendLedgerCommands.Check(), VendLedgerCommands.Receivable(),
        };
    }
}
