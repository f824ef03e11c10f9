using System.CommandLine;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Issuing;

namespace PrepaidMeter.Cli.Commands.Vend.Cards;

/// <summary>`prepaid vend card|meter-change`: the cards beside a sale: read, reissue, tool cards, recycle, readings, blank stock, meter change.</summary>
internal static class VendCardCommands
{
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

    /// <summary>Blank card stock: a folder reader's card file, made by the back office (<see cref="BlankStock"/>).</summary>
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

            var written = new BlankStock(call.Office.Groups).WriteToFolder(call.Session, code, spec["folder:".Length..], parse.GetValue(VendCall.Card)!);
            return Task.FromResult(written.Match(
                path =>
                {
                    // One line, --json or not, as before the back office made blanks.
                    call.Output.WriteLine($"blank card of group {code} written to {path}");
                    return ExitCodes.Success;
                },
                call.Fail));
        }));
        return command;
    }
}
