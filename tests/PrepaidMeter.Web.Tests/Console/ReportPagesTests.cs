using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using PrepaidMeter.Reporting;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// The reports' pages over real HTTP (docs/web.md, "Reports"): the list, a report's table from a GET form whose address can be
/// bookmarked, its chart and its CSV and XLSX downloads with the same cells as the page, a bad filter refused in the CLI's words,
/// and a role without the queries function kept out. The books hold the site's one sale: 10 kWh for 5.00.
/// </summary>
public sealed partial class ReportPagesTests
{
    [Fact]
    public async Task Reports_ListPage_LinksEveryReport_AndTheNavigationShowsIt()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var list = await clerk.Get("/reports");

        list.Status.ShouldBe(HttpStatusCode.OK);
        foreach (var name in new[] { "daily", "monthly", "yearly", "classified", "registration", "readings", "account", "line-loss", "abnormal" })
        {
            list.Html.ShouldContain($"href=\"/reports/{name}\"");
        }

        list.Html.ShouldContain("<a href=\"/reports\">Reports</a>");
    }

    [Fact]
    public async Task Daily_WithAReportCopy_ShowsTheCopysTakings_NotTheBooksSaleSinceIt()
    {
        // `prepaid web --report-db`: the pages' reports read the copy (here a SQLite copy of the books with their one sale).
        using var folder = new PrepaidMeter.Testing.TempFolder();
        var copy = folder.File("copy.db");
        await using var site = await ConsoleSite.StartAsync(options =>
        {
            options.Office.Database.BackupTo(copy);
            return options with { Office = PrepaidMeter.Cli.Tests.KeyFolder.Office(((PrepaidMeter.Vending.Storage.SqliteVendingDatabase)options.Office.Database).Path, copy) };
        });
        (await site.Books.Vend("--card", "li", "sell", "--energy", "20")).Exit.ShouldBe(0);
        using var clerk = await SignedIn(site);

        var report = await clerk.Get("/reports/daily?from=&to=&run=1");

        var totals = Totals(report.Html);
        totals["sales"].ShouldBe("1");
        totals["energy kWh"].ShouldBe("10.00");
        System.Text.Json.Nodes.JsonNode.Parse((await site.Books.Vend("--json", "query", "purchases")).Out)!.AsArray().Count.ShouldBe(2, "the books hold the sale since the copy");
    }

    [Fact]
    public async Task Daily_ForAllTime_ShowsTheTakingsAndItsChart()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var form = await clerk.Get("/reports/daily");
        form.Status.ShouldBe(HttpStatusCode.OK);
        form.Html.ShouldContain("<form method=\"get\" action=\"/reports/daily\"");
        form.Html.ShouldNotContain("data-testid=\"report\"");
        Unlabelled(form.Html).ShouldBeEmpty();

        var report = await clerk.Get("/reports/daily?from=&to=&run=1");

        report.Status.ShouldBe(HttpStatusCode.OK);
        report.Text.ShouldContain("Daily sales — all time (UTC)");
        var totals = Totals(report.Html);
        totals["sales"].ShouldBe("1");
        totals["energy kWh"].ShouldBe("10.00");
        totals["money"].ShouldBe("5.00");
        report.Text.ShouldContain("operation log head:");
        report.Html.ShouldContain("<img class=\"chart\" src=\"/reports/daily.png?from=&amp;to=&amp;run=1\"");

        using var chart = await clerk.Http.GetAsync("/reports/daily.png?from=&to=&run=1");
        chart.StatusCode.ShouldBe(HttpStatusCode.OK);
        chart.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await chart.Content.ReadAsByteArrayAsync())[..4].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        using var svg = await clerk.Http.GetAsync("/reports/daily.svg?run=1");
        svg.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        (await svg.Content.ReadAsStringAsync()).ShouldContain("<svg");
    }

    [Fact]
    public async Task Daily_CsvAndXlsxDownloads_CarryTheSameTotalsAsThePage()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);
        var query = "?from=2000-01-01&run=1";
        var page = Totals((await clerk.Get("/reports/daily" + query)).Html);

        using var csv = await clerk.Http.GetAsync("/reports/daily.csv" + query);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.FileName.ShouldBe("daily.csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var csvTotals = lines[^1].Split(',');
        csvTotals[0].ShouldBe("total");
        foreach (var column in new[] { "sales", "energy kWh", "money", "arrears collected" })
        {
            csvTotals[Array.IndexOf(header, column)].ShouldBe(page[column]);
        }

        using var xlsx = await clerk.Http.GetAsync("/reports/daily.xlsx" + query);
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var sheet = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = sheet.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var last = rows[^1];
        last["day"].ShouldBe("total");
        foreach (var column in new[] { "sales", "energy kWh", "money", "arrears collected" })
        {
            Convert.ToDecimal(last[column], CultureInfo.InvariantCulture).ShouldBe(decimal.Parse(page[column], CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("/reports/daily?from=yesterday", ReportFilters.PeriodMistake)]
    [InlineData("/reports/monthly?group=abc", "--group: ")]
    [InlineData("/reports/daily?utility=steam", "--utility 'steam': electricity, water or gas")]
    [InlineData("/reports/classified?by=colour", "--by 'colour': classified reports go by price-type, category or medium")]
    [InlineData("/reports/line-loss?run=1", "line loss needs a period: --from and --to")]
    [InlineData("/reports/account?run=1", "give --account ID")]
    [InlineData("/reports/abnormal?night=nine-ish", "--night 'nine-ish': a window such as 01:00-05:00 (UTC)")]
    [InlineData("/reports/daily?operator=nobody", "nobody")]
    public async Task Report_WithABadFilter_IsRefusedInTheClisWords(string path, string words)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var refused = await clerk.Get(path);

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.Html.ShouldContain("class=\"refused\" role=\"alert\"");
        refused.Text.ShouldContain(words);
        refused.Html.ShouldNotContain("data-testid=\"report\"");
        refused.Text.ShouldNotContain("Exception");
        refused.Text.ShouldNotContain(" at PrepaidMeter.");

        var file = path.Replace("?", ".csv?", StringComparison.Ordinal);
        using var download = await clerk.Http.GetAsync(file);
        download.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await download.Content.ReadAsStringAsync()).ShouldContain(words);
    }

    [Fact]
    public async Task ReportFile_AChartOfAReportWithout_OrAnUnknownReport_IsNotFound()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        using var noChart = await clerk.Http.GetAsync("/reports/readings.png");
        noChart.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await noChart.Content.ReadAsStringAsync()).ShouldBe("the readings report has no chart");
        (await clerk.Get("/reports/weekly")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await clerk.Get("/reports/daily.pdf")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cashier_WhoseRoleLacksQueries_IsRefusedTheReportsAndTheirFiles()
    {
        await using var site = await ConsoleSite.StartAsync();
        (await site.Books.Vend("operator", "role", "till", "--functions", "sales")).Exit.ShouldBe(0);
        Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", "till-pass-1");
        (await site.Books.Vend("operator", "add", "zhao", "--name", "Zhao Lei", "--role", "till")).Exit.ShouldBe(0);
        using var cashier = site.NewClerk();
        await cashier.SignIn("zhao", "till-pass-1");

        foreach (var path in new[] { "/reports", "/reports/daily?run=1", "/reports/daily.csv?run=1", "/reports/daily.xlsx", "/reports/daily.png" })
        {
            var denied = await cashier.Get(path);
            denied.Status.ShouldBe(HttpStatusCode.Forbidden, path);
            denied.Text.ShouldContain("operator 'zhao' (role till) may not use 'queries'");
            denied.Html.ShouldNotContain("href=\"/reports\"");
        }

        (await cashier.Get("/counter")).Status.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<ConsoleSite.Clerk> SignedIn(ConsoleSite site)
    {
        var clerk = site.NewClerk();
        (await clerk.SignIn("admin", ConsoleSite.AdminPassword)).Status.ShouldBe(HttpStatusCode.OK);
        return clerk;
    }

    /// <summary>The report's totals row by column name, as the page shows it.</summary>
    private static Dictionary<string, string> Totals(string html)
    {
        var names = HeaderCell().Matches(html[html.IndexOf("data-testid=\"report\"", StringComparison.Ordinal)..]).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var row = TotalsRow().Match(html);
        row.Success.ShouldBeTrue("the report has a totals row");
        var cells = DataCell().Matches(row.Groups[1].Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        cells.Count.ShouldBe(names.Count);
        return names.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    /// <summary>The form's controls without a label naming them (label for=id).</summary>
    private static List<string> Unlabelled(string html)
    {
        var labelled = LabelFor().Matches(html).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        return [.. Control().Matches(html).Where(m => !m.Value.Contains("type=\"hidden\"", StringComparison.Ordinal))
            .Select(m => ControlId().Match(m.Value) is { Success: true } id && labelled.Contains(id.Groups[1].Value) ? null : m.Value)
            .OfType<string>()];
    }

    [GeneratedRegex("<th scope=\"col\"[^>]*>([^<]*)</th>")]
    private static partial Regex HeaderCell();

    [GeneratedRegex("<tr data-testid=\"totals\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex TotalsRow();

    [GeneratedRegex("<td[^>]*>([^<]*)</td>")]
    private static partial Regex DataCell();

    [GeneratedRegex("<label for=\"([^\"]+)\"")]
    private static partial Regex LabelFor();

    [GeneratedRegex("<(?:input|select|textarea)\\b[^>]*>")]
    private static partial Regex Control();

    [GeneratedRegex("\\bid=\"([^\"]+)\"")]
    private static partial Regex ControlId();
}
