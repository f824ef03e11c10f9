using System.CommandLine;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Cli.Commands.Vend;

/// <summary>`prepaid vend ...`: the vending back office on a database file.</summary>
internal static class VendCommands
{
    public static Command Build() => new("vend", "The vending back office: site, operators, groups, prices, customers, meters, accounts, sales, cards, queries, backup")
    {
        VendCall.Db, VendCall.Reader, VendCall.Card, VendCall.JsonOutput,
        Init(),
        VendSetupCommands.Site(),
        VendSetupCommands.Operators(),
        VendSetupCommands.Groups(),
        VendSetupCommands.Prices(),
        VendSetupCommands.Customers(),
        VendSetupCommands.Meters(),
        VendBranchCommands.Branches(),
        VendBranchCommands.District(),
        VendCardCommands.Accounts(),
        VendCardCommands.Sell(),
        VendCardCommands.Correct(),
        VendCardCommands.Cancel(),
        VendPaymentCommands.Collect(),
        VendPaymentCommands.Partners(),
        VendPaymentCommands.Payments(),
        VendCardCommands.Cards(),
        VendCardCommands.MeterChange(),
        Recover(),
        Query(),
        Audit(),
        Backup(),
        Restore(),
    };

    private static Command Init()
    {
        var station = new Option<string>("--station") { Description = "Station number", Required = true };
        var name = new Option<string>("--name") { Description = "Station name", Required = true };
        var unit = new Option<string>("--unit") { Description = "Management unit", DefaultValueFactory = _ => "" };
        var registration = new Option<string>("--registration") { Description = "Registration code", DefaultValueFactory = _ => "" };
        var licence = new Option<int>("--licence") { Description = "Supply groups the licence allows (1-4)", DefaultValueFactory = _ => 4 };
        var admin = new Option<string>("--admin") { Description = "The first administrator's login; the password comes from PREPAID_PASSWORD", DefaultValueFactory = _ => "admin" };
        var command = new Command("init", "Create a database with a site and its first administrator") { station, name, unit, registration, licence, admin };
        command.SetAction(parse => VendCall.Run(parse, call =>
        {
            var password = Environment.GetEnvironmentVariable("PREPAID_PASSWORD");
            if (string.IsNullOrEmpty(password))
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Environment, "set PREPAID_PASSWORD to the first administrator's password"));
            }

            var site = new SiteInfo(parse.GetValue(station)!, parse.GetValue(name)!, parse.GetValue(unit)!, parse.GetValue(registration)!, parse.GetValue(licence), "memory");
            return Task.FromResult(call.Print(call.Office.Initialise(site, parse.GetValue(admin)!, password)));
        }, login: false));
        return command;
    }

    private static Command Recover()
    {
        var list = new Option<bool>("--list") { Description = "Only list the pending card writes" };
        var command = new Command("recover", "Settle card writes a crash left pending, by reading the card in the reader") { list };
        command.SetAction(parse => VendCall.Run(parse, async call =>
        {
            if (parse.GetValue(list))
            {
                VendOutput.Print(call.Output, call.Office.Recovery.Pending(), call.AsJson);
                return ExitCodes.Success;
            }

            return call.OpenReader(parse) is { } reader ? call.Print(await call.Office.Recovery.RecoverAsync(call.Session, reader)) : ExitCodes.Refused;
        }));
        return command;
    }

    private static Command Query()
    {
        var command = new Command("query", "Purchases, corrections, reissues, meter changes, readings and the operation log, filtered");
        foreach (var what in new[] { "purchases", "corrections", "reissues", "changes", "readings", "log" })
        {
            var customer = new Option<string>("--customer") { Description = "Customer number" };
            var meter = new Option<string>("--meter") { Description = "Meter number" };
            var op = new Option<string>("--operator") { Description = "Operator login" };
            var from = new Option<string>("--from") { Description = "From this date or moment (UTC), inclusive" };
            var to = new Option<string>("--to") { Description = "Until this date or moment (UTC), exclusive" };
            var sub = new Command(what, $"Query {what}") { customer, meter, op, from, to };
            sub.SetAction(parse => VendCall.Run(parse, call =>
            {
                CustomerNumber? c = null;
                MeterNumber? m = null;
                if (parse.GetValue(customer) is { } ct && !VendArguments.TryParse(call, "--customer", CustomerNumber.Parse(ct), out var cv)
                    || parse.GetValue(meter) is { } mt && !VendArguments.TryParse(call, "--meter", MeterNumber.Parse(mt), out var mv))
                {
                    return Task.FromResult(ExitCodes.Refused);
                }

                if (parse.GetValue(customer) is { } ctext) { c = CustomerNumber.Parse(ctext).GetValueOrThrow(); }
                if (parse.GetValue(meter) is { } mtext) { m = MeterNumber.Parse(mtext).GetValueOrThrow(); }
                var (fromText, toText) = (parse.GetValue(from), parse.GetValue(to));
                var (fromAt, toAt) = (VendArguments.Moment(fromText), VendArguments.Moment(toText));
                if (fromText is not null && fromAt is null || toText is not null && toAt is null)
                {
                    return Task.FromResult(call.Context.Fail(ExitCodes.Refused, "--from and --to take a date (2026-12-01) or an ISO-8601 moment"));
                }

                var filter = new QueryFilter(c, m, parse.GetValue(op), fromAt, toAt);
                var queries = call.Office.Queries;
                return Task.FromResult(what switch
                {
                    "purchases" => call.Print(queries.Purchases(call.Session, filter)),
                    "corrections" => call.Print(queries.Corrections(call.Session, filter)),
                    "reissues" => call.Print(queries.Reissues(call.Session, filter)),
                    "changes" => call.Print(queries.MeterChanges(call.Session, filter)),
                    "readings" => call.Print(queries.Readings(call.Session, filter)),
                    _ => call.Print(queries.OperationLog(call.Session, filter)),
                });
            }));
            command.Add(sub);
        }

        return command;
    }

    private static Command Audit()
    {
        var verify = new Command("verify", "Walk the operation log's hash chain; exit 2 naming every edited or deleted entry");
        verify.SetAction(parse => VendCall.Run(parse, call =>
        {
            var result = call.Office.Maintenance.VerifyLog(call.Session);
            if (!result.Success)
            {
                return Task.FromResult(call.Print(result));
            }

            foreach (var broken in result.Value)
            {
                call.Context.Error.WriteLine($"prepaid: operation log entry {broken.Seq}: {broken.Problem}");
            }

            call.Output.WriteLine(result.Value.Count == 0 ? "the operation log chain is intact" : $"the operation log chain is broken in {result.Value.Count} place(s)");
            return Task.FromResult(result.Value.Count == 0 ? ExitCodes.Success : ExitCodes.Refused);
        }));
        var before = new Option<string>("--before") { Description = "Remove entries older than this date (at least 30 days ago)", Required = true };
        var clean = new Command("clean", "Remove old log entries; the chain keeps verifying from a checkpoint") { before };
        clean.SetAction(parse => VendCall.Run(parse, call =>
            Task.FromResult(VendArguments.Moment(parse.GetValue(before)) is { } at
                ? call.Print(call.Office.Maintenance.CleanLog(call.Session, at), n => $"{n} entries removed")
                : call.Context.Fail(ExitCodes.Refused, "--before takes a date (2026-01-01)"))));
        return new Command("audit", "The tamper-evident operation log") { verify, clean };
    }

    private static Command Backup()
    {
        var file = new Argument<string>("FILE") { Description = "The backup file to write (never overwritten)" };
        var command = new Command("backup", "Write a consistent copy of the books while they are in use") { file };
        command.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Maintenance.Backup(call.Session, parse.GetValue(file)!), p => $"backed up to {p}"))));
        return command;
    }

    private static Command Restore()
    {
        var file = new Argument<string>("FILE") { Description = "A backup written by 'prepaid vend backup'" };
        var command = new Command("restore", "Replace the books with a backup") { file };
        command.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Maintenance.Restore(call.Session, parse.GetValue(file)!), p => $"restored from {p}"))));
        return command;
    }
}
