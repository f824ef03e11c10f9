using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Cli.Commands.Vend.Accounts;

/// <summary>`prepaid vend account transfer|book|check|receivable`: the meter account (PPMS) — ownership transfer, the transaction book, the account check, receivables.</summary>
internal static class VendLedgerCommands
{
    public static Command Transfer()
    {
        var to = new Option<string>("--to") { Description = "The customer number the meter goes to (or give --name to register a new customer)" };
        var name = new Option<string>("--name") { Description = "A new customer's name: the transfer registers them" };
        var contact = new Option<string>("--contact") { Description = "The new customer's telephone or other contact" };
        var address = new Option<string>("--address") { Description = "The new customer's address" };
        var region = new Option<string>("--region") { Description = "The new customer's region" };
        var line = new Option<string>("--line") { Description = "The new customer's line (feeder)" };
        var area = new Option<string>("--area") { Description = "The new customer's transformer area" };
        var category = new Option<string>("--category") { Description = "The new customer's category" };
        var reason = new Option<string>("--reason") { Description = "Why the premises change hands (sold, let, inherited, ...)", Required = true };
        var transfer = new Command("transfer", "Transfer the account of the user card in the reader (swiped) to another customer: the meter, its credit and the card go on")
        {
            to, name, contact, address, region, line, area, category, reason,
        };
        transfer.SetAction(parse => VendCall.Run(parse, async call =>
        {
            var toText = parse.GetValue(to);
            var nameText = parse.GetValue(name);
            Option<string>[] details = [contact, address, region, line, area, category];
            if ((toText is null) == (nameText is null) || (toText is not null && details.Any(o => parse.GetValue(o) is not null)))
            {
                return call.Context.Fail(ExitCodes.Usage, "give --to CUSTOMER, or --name (with --contact, --address, --region, --line, --area, --category as wanted) for a new customer; not both");
            }

            TransferTo target;
            if (toText is not null)
            {
                if (!VendArguments.TryParse(call, "--to", CustomerNumber.Parse(toText), out var number))
                {
                    return ExitCodes.Refused;
                }

                target = new TransferTo.Existing(number);
            }
            else
            {
                target = new TransferTo.NewCustomer(new CustomerDetails(nameText!, parse.GetValue(contact) ?? "", parse.GetValue(address) ?? "", parse.GetValue(region) ?? "",
                    parse.GetValue(line) ?? "", parse.GetValue(area) ?? "", parse.GetValue(category) ?? ""));
            }

            return call.OpenReader(parse) is not { } reader
                ? ExitCodes.Refused
                : call.Print(await call.Office.Accounts.TransferAsync(call.Session, reader, target, parse.GetValue(reason)!));
        }));
        return transfer;
    }

    public static Command Book()
    {
        var id = new Argument<long>("ACCOUNT") { Description = "Account id (open or transferred)" };
        var book = new Command("book", "An account's transaction book: every money and credit movement, oldest first, with the arrears owed after each") { id };
        book.SetAction(parse => VendCall.Run(parse, call =>
        {
            var result = call.Office.Ledger.Book(call.Session, parse.GetValue(id));
            if (!result.Success || call.AsJson)
            {
                return Task.FromResult(call.Print(result));
            }

            var b = result.Value;
            var status = b.TransferredTo is { } next ? $"transferred to account {next}" : b.Status.ToString().ToLowerInvariant();
            call.Output.WriteLine($"account {b.AccountId}, customer {b.Customer} {b.CustomerName}, meter {b.Meter}, {status}");
            VendOutput.Print(call.Output, b.Lines, json: false);
            call.Output.WriteLine($"paid {b.Paid}; arrears owed {b.Arrears}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return book;
    }

    public static Command Check()
    {
        var account = new Option<long?>("--account") { Description = "Check this account only (default: every account)" };
        var check = new Command("check", "Recompute accounts from their books and compare with the stored rows; exit 2 naming every disagreement") { account };
        check.SetAction(parse => VendCall.Run(parse, call =>
        {
            var result = call.Office.Ledger.Check(call.Session, parse.GetValue(account));
            if (!result.Success)
            {
                return Task.FromResult(call.Print(result));
            }

            var found = result.Value;
            if (call.AsJson)
            {
                VendOutput.Print(call.Output, new { found.Accounts, found.Agree, found.Disagreements }, json: true);
            }
            else
            {
                if (!found.Agree)
                {
                    VendOutput.Print(call.Output, found.Disagreements, json: false);
                }

                call.Output.WriteLine(found.Agree
                    ? $"{found.Accounts} account(s) checked: every one agrees with its book"
                    : $"{found.Accounts} account(s) checked: {found.Disagreements.Count} disagreement(s)");
            }

            return Task.FromResult(found.Agree
                ? ExitCodes.Success
                : call.Context.Fail(ExitCodes.Refused, $"{found.Disagreements.Count} disagreement(s) between the stored accounts and their books"));
        }));
        return check;
    }

    public static Command Receivable()
    {
        var group = new Option<string>("--group") { Description = "Only this supply group" };
        var price = new Option<string>("--price-type") { Description = "Only this price type (by name)" };
        var region = new Option<string>("--region") { Description = "Only customers of this region" };
        var line = new Option<string>("--line") { Description = "Only customers of this line" };
        var area = new Option<string>("--area") { Description = "Only customers of this transformer area" };
        var utility = new Option<string>("--utility") { Description = "Only accounts of supply groups of this meter type: electricity, water or gas" };
        var receivable = new Command("receivable", "Accounts receivable: the accounts that owe arrears, largest first, with the age of the oldest unpaid charge")
        {
            group, price, region, line, area, utility,
        };
        receivable.SetAction(parse => VendCall.Run(parse, call =>
        {
            if (!VendArguments.TryParseOptional(call, "--group", parse.GetValue(group), SupplyGroupCode.Parse, out var g))
            {
                return Task.FromResult(ExitCodes.Refused);
            }

            Utility? kind = null;
            if (parse.GetValue(utility) is { } utilityText)
            {
                if (Utilities.Parse(utilityText) is not { } parsed)
                {
                    return Task.FromResult(call.Context.Fail(ExitCodes.Refused, $"--utility: '{utilityText}' is none of electricity, water and gas"));
                }

                kind = parsed;
            }

            var filter = new ReportFilter
            {
                Group = g, PriceType = parse.GetValue(price), Region = parse.GetValue(region), Line = parse.GetValue(line), TransformerArea = parse.GetValue(area), Utility = kind,
            };
            var result = call.Office.Ledger.Receivables(call.Session, filter);
            if (!result.Success)
            {
                return Task.FromResult(call.Print(result));
            }

            var owed = result.Value;
            if (call.AsJson)
            {
                VendOutput.Print(call.Output, new { owed.Total, owed.Accounts }, json: true);
            }
            else
            {
                VendOutput.Print(call.Output, owed.Accounts, json: false);
                call.Output.WriteLine($"total owed {owed.Total} in {owed.Accounts.Count} account(s)");
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return receivable;
    }
}
