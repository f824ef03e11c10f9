using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Cli.Commands.Vend.Books;

/// <summary>`prepaid vend init|recover|query|backup|restore`: making the books, settling card writes a crash left, reading and keeping them.</summary>
internal static class VendBooksCommands
{
    public static Command Init()
    {
        var station = new Option<string>("--station") { Description = "Station number, 1 to 8 digits", Required = true };
        var name = new Option<string>("--name") { Description = "Station name", Required = true };
        var unit = new Option<string>("--unit") { Description = "Management unit", DefaultValueFactory = _ => "" };
        var registration = new Option<string>("--registration") { Description = "Registration code", DefaultValueFactory = _ => "" };
        var licence = new Option<int>("--licence") { Description = "Supply groups the licence allows (1-4)", DefaultValueFactory = _ => 4 };
        var admin = new Option<string>("--admin") { Description = "The first administrator's login; the password comes from PREPAID_PASSWORD", DefaultValueFactory = _ => "admin" };
        var command = new Command("init", "Create a database with a site, its first administrator, its audit key (kept outside the database) and its recovery code")
        {
            station, name, unit, registration, licence, admin,
        };
        command.SetAction(parse => VendCall.Run(parse, call =>
        {
            var password = Environment.GetEnvironmentVariable("PREPAID_PASSWORD");
            if (string.IsNullOrEmpty(password))
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Environment, "set PREPAID_PASSWORD to the first administrator's password"));
            }

            var site = new SiteInfo(parse.GetValue(station)!, parse.GetValue(name)!, parse.GetValue(unit)!, parse.GetValue(registration)!, parse.GetValue(licence), "memory");
            var (key, keyFile, problem) = NewSiteKey(parse, call.Office.Database.Describe);
            if (problem is not null)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Refused, problem));
            }

            var created = call.WithKey(key!).Initialise(site, parse.GetValue(admin)!, password);
            if (!created.Success && keyFile is { Made: true })
            {
                File.Delete(keyFile.Value.Path);
            }

            return Task.FromResult(call.Print(created, c => new
            {
                c.Site.StationNumber, c.Site.StationName, c.Site.ManagementUnit, c.Site.RegistrationCode, c.Site.LicenceGroups,
                c.AuditKeyId,
                AuditKeyFile = keyFile?.Path ?? "(PREPAID_AUDIT_KEY)",
                c.RecoveryCode,
                Note = "the recovery code is shown once: keep it on paper, away from the machine; it unlocks an administrator locked out for good (prepaid vend operator unlock LOGIN --recovery). "
                    + "Keep a copy of the audit key away from the database: without it the books are read-only and cannot be authenticated.",
            }));
        }, VendCall.Books.Unopened));
        return command;
    }

    /// <summary>The new site's key: the one named (used as it is, or written to the file named when that file is new), else a new one in its default file.</summary>
    private static (AuditKey? Key, (string Path, bool Made)? File, string? Problem) NewSiteKey(ParseResult parse, string books)
    {
        var named = AuditKeyFiles.Named(parse);
        if (named is { Key: { } existing })
        {
            return (existing, named.Source is { } source && source != "PREPAID_AUDIT_KEY" ? (source, false) : null, null);
        }

        var key = AuditKey.Generate();
        var path = AuditKeyFiles.Destination(parse, key);
        // A file named that is missing is where the new key goes; one that is there but unusable (or a folder, or a bad PREPAID_AUDIT_KEY) is an error.
        if (named is not null && (path is null || File.Exists(path) || Directory.Exists(path)))
        {
            return (null, null, named.Problem);
        }

        path ??= AuditKeyFiles.DefaultPath(key.Id);

        AuditKeyFiles.Save(path, key, books);
        return (key, (path, true), null);
    }

    public static Command Recover()
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

    public static Command Query()
    {
        var command = new Command("query",
            "Purchases, corrections, reissues, meter changes, account transfers, amendments, readings, closed accounts, error-tolerance uses, split sales' shares and the operation log, filtered");
        command.Add(VendCall.ReportDb);
        foreach (var what in new[] { "purchases", "corrections", "reissues", "changes", "transfers", "amendments", "readings", "closings", "tolerance", "shares", "log" })
        {
            var customer = new Option<string>("--customer") { Description = "Customer number" };
            var meter = new Option<string>("--meter") { Description = "Meter number" };
            var op = new Option<string>("--operator") { Description = "Operator login" };
            var from = new Option<string>("--from") { Description = "From this date or moment (UTC), inclusive" };
            var to = new Option<string>("--to") { Description = "Until this date or moment (UTC), exclusive" };
            var sub = new Command(what, $"Query {what}") { customer, meter, op, from, to };
            sub.SetAction(parse => VendCall.Run(parse, call =>
            {
                var parsed = QueryFilters.Parse(name => name switch
                {
                    "--customer" => parse.GetValue(customer),
                    "--meter" => parse.GetValue(meter),
                    "--operator" => parse.GetValue(op),
                    "--from" => parse.GetValue(from),
                    _ => parse.GetValue(to),
                });
                if (!parsed.TryGetValue(out var filter))
                {
                    return Task.FromResult(call.Context.Fail(ExitCodes.Refused, parsed.Error!));
                }

                var queries = call.Office.Queries;
                return Task.FromResult(what switch
                {
                    "purchases" => call.Print(queries.Purchases(call.Session, filter)),
                    "corrections" => call.Print(queries.Corrections(call.Session, filter)),
                    "reissues" => call.Print(queries.Reissues(call.Session, filter)),
                    "changes" => call.Print(queries.MeterChanges(call.Session, filter)),
                    "transfers" => call.Print(queries.Transfers(call.Session, filter)),
                    "amendments" => call.Print(call.Office.Amendments.List(call.Session, filter)),
                    "readings" => call.Print(queries.Readings(call.Session, filter)),
                    "closings" => call.Print(call.Office.Closings.List(call.Session, filter)),
                    "tolerance" => call.Print(queries.ToleranceUses(call.Session, filter)),
                    "shares" => call.Print(call.Office.Splits.Shares(call.Session, filter)),
                    _ => call.Print(queries.OperationLog(call.Session, filter)),
                });
            }));
            command.Add(sub);
        }

        return command;
    }

    public static Command Backup()
    {
        var file = new Argument<string>("FILE") { Description = "The backup file to write (never overwritten)" };
        var command = new Command("backup", "Write a consistent copy of the books while they are in use") { file };
        command.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Maintenance.Backup(call.Session, parse.GetValue(file)!), p => $"backed up to {p}"))));
        return command;
    }

    public static Command Restore()
    {
        var file = new Argument<string>("FILE") { Description = "A backup written by 'prepaid vend backup'" };
        var command = new Command("restore", "Replace the books with a backup") { file };
        command.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Maintenance.Restore(call.Session, parse.GetValue(file)!), p => $"restored from {p}"))));
        return command;
    }
}
