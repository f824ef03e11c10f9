using System.CommandLine;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Cli.Commands.Vend;

/// <summary>`prepaid vend account|sell|correct|cancel|card|meter-change`: everything that writes a card.</summary>
internal static class VendCardCommands
{
    public static Command Accounts()
    {
        var customer = new Option<string>("--customer") { Description = "Customer number", Required = true };
        var meter = new Option<string>("--meter") { Description = "A meter in stock", Required = true };
        var price = new Option<long>("--price") { Description = "Price type id", Required = true };
        var (energy, money) = (VendArguments.Energy(), VendArguments.Money());
        var open = new Command("open", "Open an account and write its user card (a blank in the reader) with the first purchase") { customer, meter, price, energy, money };
        open.SetAction(parse => VendCall.Run(parse, async call =>
        {
            var (request, error) = VendArguments.Purchase(parse, energy, money);
            if (error is not null)
            {
                return call.Context.Fail(ExitCodes.Refused, error);
            }

            if (!VendArguments.TryParse(call, "--customer", CustomerNumber.Parse(parse.GetValue(customer)), out var c)
                || !VendArguments.TryParse(call, "--meter", MeterNumber.Parse(parse.GetValue(meter)), out var m)
                || call.OpenReader(parse) is not { } reader)
            {
                return ExitCodes.Refused;
            }

            return call.Print(await call.Office.Accounts.OpenAsync(call.Session, reader, c, m, parse.GetValue(price), request!.Value));
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
            CustomerNumber? c = null;
            if (parse.GetValue(of) is { } text)
            {
                if (!VendArguments.TryParse(call, "--customer", CustomerNumber.Parse(text), out var n))
                {
                    return Task.FromResult(ExitCodes.Refused);
                }

                c = n;
            }

            return Task.FromResult(call.Print(call.Office.Accounts.List(call.Session, c)));
        }));
        return new Command("account", "Accounts: open with a first purchase, charge arrears, list") { open, charge, list };
    }

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

    public static Command Cards()
    {
        var read = new Command("read", "Say what the card in the reader is, whose, and whether its purchase is loaded");
        read.SetAction(parse => VendCall.Run(parse, async call =>
            call.OpenReader(parse) is { } reader ? call.Print(await call.Office.Cards.InspectAsync(call.Session, reader), v => new { v.Summary, v.Account, v.Record }) : ExitCodes.Refused));
        var account = new Option<long>("--account") { Description = "Account id", Required = true };
        var reason = new Option<string>("--reason") { Description = "Lost, broken, ...", Required = true };
        var reissue = new Command("reissue", "Write a new card for the account on the blank in the reader; the old card is refused from then on") { account, reason };
        reissue.SetAction(parse => VendCall.Run(parse, async call =>
            call.OpenReader(parse) is { } reader ? call.Print(await call.Office.Cards.ReissueAsync(call.Session, reader, parse.GetValue(account), parse.GetValue(reason)!)) : ExitCodes.Refused));
        var kind = new Argument<string>("KIND") { Description = "set, clear, zero, check or test" };
        var group = new Option<string>("--group") { Description = "Supply group code", Required = true };
        var meter = new Option<string>("--meter") { Description = "One meter (default: any meter of the group)", DefaultValueFactory = _ => "0" };
        var tool = new Command("tool", "Write a tool card on the blank in the reader") { kind, group, meter };
        tool.SetAction(parse => VendCall.Run(parse, async call =>
        {
            if (!Enum.TryParse<CardKind>(parse.GetValue(kind), ignoreCase: true, out var k))
            {
                return call.Context.Fail(ExitCodes.Refused, $"KIND '{parse.GetValue(kind)}' must be set, clear, zero, check or test");
            }

            if (!VendArguments.TryParse(call, "--group", SupplyGroupCode.Parse(parse.GetValue(group)), out var g)
                || !VendArguments.TryParse(call, "--meter", MeterNumber.Parse(parse.GetValue(meter)), out var m)
                || call.OpenReader(parse) is not { } reader)
            {
                return ExitCodes.Refused;
            }

            return call.Print(await call.Office.Cards.IssueToolCardAsync(call.Session, reader, k, g, m));
        }));
        var recycle = new Command("recycle", "Wipe the tool card or replaced user card in the reader back to blank");
        recycle.SetAction(parse => VendCall.Run(parse, async call =>
            call.OpenReader(parse) is { } reader ? call.Print(await call.Office.Cards.RecycleAsync(call.Session, reader), s => $"card {s} is blank") : ExitCodes.Refused));
        var reading = new Command("reading", "Record the meter reading a check card (or a return-write) brings back");
        reading.SetAction(parse => VendCall.Run(parse, async call =>
            call.OpenReader(parse) is { } reader ? call.Print(await call.Office.Cards.TakeReadingAsync(call.Session, reader)) : ExitCodes.Refused));
        return new Command("card", "Cards: read, reissue, tool cards, recycle, readings, blank stock") { read, reissue, tool, recycle, reading, Blank() };
    }

    public static Command MeterChange()
    {
        var account = new Option<long>("--account") { Description = "Account id", Required = true };
        var userCard = new Option<string>("--user-card") { Description = "The customer's user card file (folder reader): its purchase must be loaded already", Required = true };
        var card = new Command("card", "Write a meter-change card for the account's meter on the blank in the reader (--card)") { account, userCard };
        card.SetAction(parse => VendCall.Run(parse, async call =>
            call.OpenReader(parse) is { } reader && call.OpenReader(parse, userCard) is { } userReader
                ? call.Print(await call.Office.MeterChanges.IssueChangeCardAsync(call.Session, reader, userReader, parse.GetValue(account)))
                : ExitCodes.Refused));
        var changeCard = new Option<string>("--change-card") { Description = "The meter-change card file (folder reader), after the old meter wrote it back", Required = true };
        var newMeter = new Option<string>("--new-meter") { Description = "The new meter, from stock", Required = true };
        var complete = new Command("complete", "Move the old meter's credit, less the new meter's preset, onto the user card (--card) for the new meter") { changeCard, newMeter };
        complete.SetAction(parse => VendCall.Run(parse, async call =>
        {
            if (!VendArguments.TryParse(call, "--new-meter", MeterNumber.Parse(parse.GetValue(newMeter)), out var m)
                || call.OpenReader(parse, changeCard) is not { } changeReader
                || call.OpenReader(parse) is not { } userReader)
            {
                return ExitCodes.Refused;
            }

            return call.Print(await call.Office.MeterChanges.CompleteAsync(call.Session, changeReader, userReader, m));
        }));
        return new Command("meter-change", "Meter change with credit transfer (administrators)") { card, complete };
    }

    /// <summary>Blank card stock: a folder reader's card file, initialised with the group's PSC as the card issuer does.</summary>
    private static Command Blank()
    {
        var group = new Option<string>("--group") { Description = "Supply group whose card stock this is", Required = true };
        var command = new Command("blank", "Create a blank card of a group's stock as the --card file of a folder reader") { group };
        command.SetAction(parse => VendCall.Run(parse, call =>
        {
            var spec = parse.GetValue(VendCall.Reader)!;
            if (!spec.StartsWith("folder:", StringComparison.Ordinal))
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, "blank cards are files: use --reader folder:DIR"));
            }

            if (!VendArguments.TryParse(call, "--group", SupplyGroupCode.Parse(parse.GetValue(group)), out var code))
            {
                return Task.FromResult(ExitCodes.Refused);
            }

            var found = call.Office.Groups.List(call.Session);
            if (!found.Success || found.Value.FirstOrDefault(g => g.Code == code) is not { } g)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Refused, found.Refusal?.Message ?? $"no supply group {code}"));
            }

            // The stock is initialised with the group's card PSC, which only tool-card work may read: a refusal, never an exception.
            var psc = call.Office.Groups.CardPsc(call.Session, code);
            if (!psc.Success)
            {
                return Task.FromResult(call.Context.Fail(VendCall.ExitCodeOf(psc.Refusal!), psc.Refusal!.Message));
            }

            var name = parse.GetValue(VendCall.Card)!;
            var path = Path.Combine(spec["folder:".Length..], name.EndsWith(".hex", StringComparison.Ordinal) ? name : name + ".hex");
            if (File.Exists(path))
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Refused, $"'{path}' exists; a blank is never written over a card"));
            }

            FolderCardReader.Save(path, new Sle4442Card(CardLayouts.Resolve(g.Layout).Layout!.NewImage(), psc.Value.Span));
            call.Output.WriteLine($"blank card of group {code} written to {path}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static Command PurchaseCommand(string name, string description, Func<VendCall, ICardReader, PurchaseRequest, Task<Vending.Domain.VendResult<Receipt>>> action)
    {
        var (energy, money) = (VendArguments.Energy(), VendArguments.Money());
        var command = new Command(name, description) { energy, money };
        command.SetAction(parse => VendCall.Run(parse, async call =>
        {
            var (request, error) = VendArguments.Purchase(parse, energy, money);
            if (error is not null)
            {
                return call.Context.Fail(ExitCodes.Refused, error);
            }

            return call.OpenReader(parse) is { } reader ? call.Print(await action(call, reader, request!.Value)) : ExitCodes.Refused;
        }));
        return command;
    }
}
