using System.CommandLine;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Cli.Commands.Vend;

/// <summary>`prepaid vend ...`: the vending back office on a database file.</summary>
internal static class VendCommands
{
    public static Command Build() => new("vend", "The vending back office: site, operators, groups, prices, customers, meters, accounts, sales, cards, queries, backup")
    {
        VendCall.Db, VendCall.Reader, VendCall.Card, VendCall.JsonOutput, AuditKeyFiles.Option,
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
        var anchorsToCheck = new Option<string>("--anchors") { Description = "An anchor file ('audit anchor' appends to it): find a log rolled back or cut behind any anchor in it" };
        var verify = new Command("verify", "Check the books: the log's keyed chain, every audited row against its digest, receipts gap-free, and the anchors given; exit 2 naming every finding")
        {
            anchorsToCheck,
        };
        verify.SetAction(parse => VendCall.Run(parse, call =>
        {
            IReadOnlyList<AnchorLine>? anchors = null;
            if (parse.GetValue(anchorsToCheck) is { } anchorFile)
            {
                anchors = Anchors.Parse(File.ReadAllText(anchorFile));
            }

            var result = call.Office.Maintenance.Audit(call.Session, anchors);
            if (!result.Success)
            {
                return Task.FromResult(call.Print(result));
            }

            var report = result.Value;
            foreach (var finding in report.Findings)
            {
                call.Context.Error.WriteLine($"prepaid: {finding}");
            }

            var checkedWhat = $"{report.Entries} entries, {report.Rows} rows{(anchors is null ? "" : $", {report.Anchors} anchors")}";
            var authenticity = report.Authenticated
                ? "authenticated with the site's audit key"
                : "authenticity NOT checked: without the site's audit key only the links, the rows against the digests the entries state and the anchors' signatures were checked";
            if (call.AsJson)
            {
                VendOutput.Print(call.Output, new { report.Intact, report.Authenticated, report.Entries, report.Rows, report.Anchors, Head = new { report.Head.Seq, report.Head.Hash }, report.Findings }, json: true);
            }
            else
            {
                call.Output.WriteLine(report.Intact ? $"the books verify: {checkedWhat}; {authenticity}" : $"the books do not verify: {report.Findings.Count} finding(s) in {checkedWhat}; {authenticity}");
                call.Output.WriteLine($"log head: {report.Head}");
            }

            return Task.FromResult(report.Intact ? ExitCodes.Success : ExitCodes.Refused);
        }));
        var anchorFile = new Option<string>("--anchors") { Description = "The anchor file to append the signed head to (keep it, or a copy, away from the database)", Required = true };
        var anchor = new Command("anchor", "Sign the log's head with the site's audit key, print it and append it to an anchor file") { anchorFile };
        anchor.SetAction(parse => VendCall.Run(parse, call =>
        {
            var file = parse.GetValue(anchorFile)!;
            var signed = call.Office.Maintenance.Anchor(call.Session, anchor => File.AppendAllText(file, Anchors.Format(anchor) + "\n"));
            if (!signed.Success)
            {
                return Task.FromResult(call.Print(signed));
            }

            var line = Anchors.Format(signed.Value);
            call.Output.WriteLine(call.AsJson ? line : $"anchored entry {signed.Value.Seq} (hash {signed.Value.Hash}) with key {signed.Value.KeyId}; appended to {Path.GetFullPath(file)}");
            return Task.FromResult(ExitCodes.Success);
        }));
        var before = new Option<string>("--before") { Description = "Remove entries older than this date (at least 30 days ago)", Required = true };
        var clean = new Command("clean", "Remove old log entries (administrators; an intact log only): a signed checkpoint keeps the chain verifiable and every row covered") { before };
        clean.SetAction(parse => VendCall.Run(parse, call =>
            Task.FromResult(VendArguments.Moment(parse.GetValue(before)) is { } at
                ? call.Print(call.Office.Maintenance.CleanLog(call.Session, at), n => $"{n} entries removed")
                : call.Context.Fail(ExitCodes.Refused, "--before takes a date (2026-01-01)"))));
        return new Command("audit", "The tamper-evident books: verify them, anchor the log's head outside the database, clean old entries") { verify, anchor, clean };
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
