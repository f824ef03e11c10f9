using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;

namespace PrepaidMeter.Cli.Commands.Vend.Amendments;

/// <summary>`prepaid vend amend power-type|capacity|history`: amendments to an open account (docs/vending.md, "Amendments").</summary>
internal static class VendAmendCommands
{
    public static Command Amend()
    {
        var account = new Argument<long>("ACCOUNT") { Description = "Account id" };
        var price = new Option<long>("--price") { Description = "The price type id the account moves to (of its own supply group)", Required = true };
        var from = new Option<string>("--from") { Description = "The day (UTC, yyyy-mm-dd) from which sales use it: today or later", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (a shop opened, a tariff review, ...)", Required = true };
        var powerType = new Command("power-type", "Move the account to another price type of its group from a day on (电价类型变更)") { account, price, from, reason };
        powerType.SetAction(parse => VendCall.Run(parse, call =>
            Task.FromResult(DateOnly.TryParseExact(parse.GetValue(from), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? call.Print(call.Office.Amendments.ChangePowerType(call.Session, parse.GetValue(account), parse.GetValue(price), day, parse.GetValue(reason)!))
                : call.Context.Fail(ExitCodes.Usage, $"--from takes a day as yyyy-mm-dd, not '{parse.GetValue(from)}'"))));

        var watts = new Option<long>("--watts") { Description = "The contracted capacity in watts, written as the meter's power limit", Required = true };
        var capacity = new Command("capacity", "Change the account's contracted capacity (增容) and write its meter's set card on the blank in the reader") { account, watts, reason };
        capacity.SetAction(parse => VendCall.Run(parse, async call =>
            call.OpenReader(parse) is { } reader
                ? call.Print(await call.Office.Amendments.ChangeCapacityAsync(call.Session, reader, parse.GetValue(account), parse.GetValue(watts), parse.GetValue(reason)!))
                : ExitCodes.Refused));

        var history = new Command("history", "The account's capacity now and its power type and capacity changes") { account };
        history.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Amendments.History(call.Session, parse.GetValue(account))))));
        return new Command("amend", "Amendments to an account: power type from a day, contracted capacity (with its set card), their history")
        {
            powerType, capacity, history,
        };
    }
}
