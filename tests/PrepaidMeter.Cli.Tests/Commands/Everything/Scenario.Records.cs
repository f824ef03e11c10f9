namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>The records: queries, reports, the audit of the books, backup and restore.</summary>
internal static partial class Scenario
{
    private static IEnumerable<Move> Records() =>
    [
        .. ((string[])["purchases", "corrections", "reissues", "changes", "transfers", "readings", "log"]).Select(q => new CliStep($"vend query {q}") { Keeps = false }),
        .. ((string[])["daily", "monthly", "yearly", "classified", "registration", "readings"]).Select(r => new CliStep($"report {r}") { Keeps = false }),
        new CliStep("report account", "--account", "{account}") { Keeps = false },
        new CliStep("vend account book", "{account}") { Shows = "transferred to account", Keeps = false },
        new CliStep("vend account check") { Shows = "every one agrees with its book", Keeps = false },
        new CliStep("vend account receivable") { Shows = "total owed", Keeps = false },
        new CliStep("report line-loss", "--from", "2026-01-01", "--to", "2100-01-01") { Keeps = false },
        new CliStep("report abnormal") { Keeps = false },

        // The invoice format: a template of the site's own, and a receipt (one of the made-up district's) printed with it.
        new SetUp("an invoice template file", books =>
        {
            File.WriteAllText(books.File("invoice.txt"), "title: Invoice\npaper: a4\nfield: Customer | {{customer.name}}\ntotals\ntax: VAT | 1300\n");
            return Task.CompletedTask;
        }),
        new CliStep("vend invoice template set", "--kind", "invoice", "{folder}/invoice.txt") { Shows = "invoice v1" },
        new CliStep("vend invoice template show", "--kind", "invoice") { Shows = "tax: VAT | 1300", Keeps = false },
        new CliStep("vend invoice template list") { Shows = "receipt v0 (shipped)", Keeps = false },
        new CliStep("vend invoice print", "--receipt", "1", "--kind", "invoice", "--out", "{folder}/invoice.html") { Shows = "invoice v1", Keeps = false },
        // 销户 after the reports: li2 (Zhang San's account since the transfer) loaded into the new meter, a
        // check card's reading of it, the account closed with a refund, its meter back in stock — and the books still verify.
        SetUp.Insert("m2.nvram", "li2", "AlreadyLoaded"), // loaded before the account transfer (the counter's part)
        SetUp.Vend("blank card chk2", new CliStep("vend card blank", "--group", Group) { Card = "chk2" }),
        SetUp.Vend("a check card", new CliStep("vend card tool", "check", "--group", Group, "--meter", NewMeter) { Card = "chk2" }),
        SetUp.Insert("m2.nvram", "chk2", "Read"),
        SetUp.Vend("the check card's reading", new CliStep("vend card reading") { Card = "chk2" }),
        new CliStep("vend close rule", "refund") { Shows = "refund", Keeps = false },
        new CliStep("vend close account") { Card = "li2", Shows = "refunded" },
        new CliStep("vend query closings") { Shows = "Zhang San", Keeps = false },

        new CliStep("vend audit verify") { Shows = "the books verify", Keeps = false },
        new CliStep("vend audit anchor", "--anchors", "{folder}/anchors.txt") { Shows = "anchored entry", Keeps = false },
        new SetUp("a log entry older than 30 days", BackDated.LogInSixtyDaysAgo),
        new CliStep("vend audit clean", "--before", "{before}") { Shows = "entries removed", Keeps = false },
        SetUp.Vend("the books verify after the clean-up", new CliStep("vend audit verify")),
        new CliStep("vend backup", "{folder}/books.backup") { Shows = "backed up to" },
        new CliStep("vend restore", "{folder}/books.backup") { Shows = "restored from", Keeps = false },
        SetUp.Vend("the books verify after everything", new CliStep("vend audit verify")),
    ];
}
