using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Vending.Audit;

namespace PrepaidMeter.Cli.Commands.Vend.Books;

/// <summary>`prepaid vend audit verify|anchor|clean`: the tamper-evident books.</summary>
internal static class VendAuditCommands
{
    public static Command Audit()
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
}
