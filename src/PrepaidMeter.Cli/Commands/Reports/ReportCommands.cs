using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using ScottPlot;

namespace PrepaidMeter.Cli.Commands.Reports;

/// <summary>
/// `prepaid report daily|monthly|yearly|classified|registration|readings|account|line-loss|abnormal`: the
/// back office's reports and analytics (docs/reports.md), each as a table, --json, --csv, --xlsx FILE, and
/// where it has one a --chart FILE (PNG or SVG). An empty period is an empty report with zero totals; a
/// filter naming nothing that exists exits 2 saying so.
/// </summary>
internal static class ReportCommands
{
    public static Command Build()
    {
        var command = new Command("report", "Reports and analytics on the back office's books: takings, classified, registration, readings, account book, line loss, abnormal consumption")
        {
            VendCall.Db, VendCall.JsonOutput,
        };
        foreach (var period in Enum.GetValues<ReportPeriod>())
        {
            var name = period.ToString().ToLowerInvariant();
            command.Add(Report(name, $"Takings by {period.Unit()}: sales, energy, money, arrears, corrections, cancels, reissues",
                (call, filter, _, _) => call.Office.Reports.Sales(call.Session, period, filter), SalesChart));
        }

        var by = new Option<string>("--by") { Description = "classified: price-type or category; line-loss: line or area", DefaultValueFactory = _ => "" };
        command.Add(Report("classified", "Takings by price type (--by price-type, the default) or customer category (--by category)",
            (call, filter, parse, _) => parse.GetValue(by) switch
            {
                "" or "price-type" => call.Office.Reports.Classified(call.Session, Classification.PriceType, filter),
                "category" => call.Office.Reports.Classified(call.Session, Classification.CustomerCategory, filter),
                var other => Refuse.Invalid($"--by '{other}': classified reports go by price-type or category"),
            }, chart: null, by));
        command.Add(Report("registration", "Accounts opened and meters stocked, installed, changed and retired, by month",
            (call, filter, _, _) => call.Office.Reports.Registration(call.Session, filter), chart: null));
        command.Add(Report("readings", "The latest reading of every meter: its source (return-write, check card, link) and its age",
            (call, filter, _, _) => call.Office.Reports.Readings(call.Session, filter), chart: null));

        var account = new Option<long>("--account") { Description = "The account's id" };
        command.Add(Report("account", "An account's book: arrears charged and receipts, debit, credit and balance; --chart draws its consumption against last year",
            (call, filter, parse, _) => parse.GetValue(account) is var id and > 0 ? call.Office.Reports.AccountBook(call.Session, id, filter) : Refuse.Invalid("give --account ID"),
            (call, filter, parse, _) => call.Office.Reports.ConsumptionTrend(call.Session, parse.GetValue(account), filter.To?.AddTicks(-1) ?? call.Context.Time.GetUtcNow()) is { Success: true } trend
                ? ReportCharts.Trend(trend.Value) : null,
            account));

        var tolerance = new Option<string>("--tolerance") { Description = "line-loss: how far from each end of the period a reading may be (1d, 36h)", DefaultValueFactory = _ => "3d" };
        command.Add(Report("line-loss", "Loss by line (--by line, the default) or transformer area (--by area) over --from/--to: summary meter against the customers' meters, ranked",
            (call, filter, parse, _) =>
            {
                if (filter.From is not { } from || filter.To is not { } to)
                {
                    return Refuse.Invalid("line loss needs a period: --from and --to");
                }

                var window = Durations.Parse(parse.GetValue(tolerance));
                if (!window.TryGetValue(out var days))
                {
                    return Refuse.Invalid($"--tolerance: {window.Error}");
                }

                return parse.GetValue(by) switch
                {
                    "" or "line" => call.Office.Reports.LineLoss(call.Session, BranchKind.Line, from, to, days, filter),
                    "area" => call.Office.Reports.LineLoss(call.Session, BranchKind.TransformerArea, from, to, days, filter),
                    var other => Refuse.Invalid($"--by '{other}': line loss goes by line or area"),
                };
            },
            (_, _, _, table) => ReportCharts.LossRates(table), by, tolerance));

        var month = new Option<string>("--month") { Description = "abnormal: the month to look at (2026-10); the last full month by default" };
        var night = new Option<string>("--night") { Description = "abnormal, water and gas: the night window in UTC, HH:mm-HH:mm", DefaultValueFactory = _ => "01:00-05:00" };
        var leakNights = new Option<int>("--leak-nights") { Description = "abnormal, water and gas: nights with readings a leak needs, at least", DefaultValueFactory = _ => 7 };
        var leakFloor = new Option<int>("--leak-floor") { Description = "abnormal, water and gas: litres an hour every night must show for a leak, at least", DefaultValueFactory = _ => 1 };
        command.Add(Report("abnormal", "Customers whose month is out of line with their own history: outliers (median and MAD), drops against last year, buying sprees, silences",
            (call, filter, parse, _) =>
            {
                var now = call.Context.Time.GetUtcNow();
                var at = parse.GetValue(month) is { } text ? VendArguments.Moment(text.Length == 7 ? text + "-01" : text) : new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
                if (at is not { } m)
                {
                    return Refuse.Invalid($"--month '{parse.GetValue(month)}' is not a month such as 2026-10");
                }

                var window = parse.GetValue(night)!.Split('-');
                if (window.Length != 2 || !TimeSpan.TryParseExact(window[0], @"hh\:mm", System.Globalization.CultureInfo.InvariantCulture, out var start)
                    || !TimeSpan.TryParseExact(window[1], @"hh\:mm", System.Globalization.CultureInfo.InvariantCulture, out var end) || start == end)
                {
                    return Refuse.Invalid($"--night '{parse.GetValue(night)}': a window such as 01:00-05:00 (UTC)");
                }

                if (parse.GetValue(leakNights) < 1 || parse.GetValue(leakFloor) < 1)
                {
                    return Refuse.Invalid("--leak-nights and --leak-floor are 1 or more");
                }

                var rules = new AbnormalOptions { NightStart = start, NightEnd = end, LeakNights = parse.GetValue(leakNights), LeakFloorLitresPerHour = parse.GetValue(leakFloor) };
                return call.Office.Reports.Abnormal(call.Session, m, filter, rules);
            },
            (_, _, _, table) => ReportCharts.Flagged(table), month, night, leakNights, leakFloor));
        return command;
    }

    private delegate VendResult<ReportTable> Produce(VendCall call, ReportFilter filter, ParseResult parse, ReportTable? table);

    private delegate Plot? Draw(VendCall call, ReportFilter filter, ParseResult parse, ReportTable table);

    private static Command Report(string name, string description, Produce produce, Draw? chart, params Option[] extra)
    {
        var from = new Option<string>("--from") { Description = "From this date or moment (UTC), inclusive" };
        var to = new Option<string>("--to") { Description = "Until this date or moment (UTC), exclusive" };
        var op = new Option<string>("--operator") { Description = "Only this operator's work" };
        var group = new Option<string>("--group") { Description = "Only this supply group" };
        var priceType = new Option<string>("--price-type") { Description = "Only accounts on this price type" };
        var region = new Option<string>("--region") { Description = "Only customers in this region" };
        var line = new Option<string>("--line") { Description = "Only customers on this line" };
        var area = new Option<string>("--area") { Description = "Only customers in this transformer area" };
        var utility = new Option<string>("--utility") { Description = "Only this utility: electricity, water or gas (line-loss and abnormal: the one to look at, electricity by default)" };
        var csv = new Option<bool>("--csv") { Description = "Print CSV instead of a table" };
        var xlsx = new Option<string>("--xlsx") { Description = "Also write the report to this XLSX file" };
        var command = new Command(name, description) { from, to, op, group, priceType, region, line, area, utility, csv, xlsx };
        var chartFile = new Option<string>("--chart") { Description = "Also draw the report's chart into this PNG or SVG file" };
        if (chart is not null)
        {
            command.Add(chartFile);
        }

        foreach (var option in extra)
        {
            command.Add(option);
        }

        command.SetAction(parse => VendCall.Run(parse, call =>
        {
            if (!VendArguments.TryPeriod(parse.GetValue(from), parse.GetValue(to), out var fromAt, out var toAt))
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, VendArguments.PeriodMistake));
            }

            SupplyGroupCode? code = null;
            if (parse.GetValue(group) is { } groupText)
            {
                var parsed = SupplyGroupCode.Parse(groupText);
                if (!parsed.TryGetValue(out var value))
                {
                    return Task.FromResult(call.Context.Fail(ExitCodes.Usage, $"--group: {parsed.Error}"));
                }

                code = value;
            }

            Utility? only = null;
            if (parse.GetValue(utility) is { } utilityText)
            {
                if (Utilities.Parse(utilityText) is not { } parsedUtility)
                {
                    return Task.FromResult(call.Context.Fail(ExitCodes.Usage, $"--utility '{utilityText}': electricity, water or gas"));
                }

                only = parsedUtility;
            }

            var filter = new ReportFilter
            {
                Utility = only,
                From = fromAt, To = toAt, Operator = parse.GetValue(op), Group = code, PriceType = parse.GetValue(priceType),
                Region = parse.GetValue(region), Line = parse.GetValue(line), TransformerArea = parse.GetValue(area),
            };
            var result = produce(call, filter, parse, null);
            if (!result.Success)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Refused, result.Refusal.Message));
            }

            var report = result.Value;
            if (call.AsJson)
            {
                call.Output.WriteLine(ReportOutput.Json(report));
            }
            else if (parse.GetValue(csv))
            {
                call.Output.Write(ReportOutput.Csv(report));
            }
            else
            {
                ReportOutput.Table(call.Output, report);
            }

            if (parse.GetValue(xlsx) is { } workbook)
            {
                PathIo.Writing(workbook, () => ReportOutput.Xlsx(workbook, report));
                call.Context.Error.WriteLine($"xlsx: {workbook}");
            }

            if (chart is not null && parse.GetValue(chartFile) is { } picture)
            {
                if (chart(call, filter, parse, report) is not { } plot)
                {
                    return Task.FromResult(call.Context.Fail(ExitCodes.Refused, "nothing to draw for this report"));
                }

                PathIo.Writing(picture, () => ReportCharts.Save(plot, picture));
                call.Context.Error.WriteLine($"chart: {picture}");
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    /// <summary>Monthly takings stacked by price type over the report's filter.</summary>
    private static Plot? SalesChart(VendCall call, ReportFilter filter, ParseResult parse, ReportTable table)
    {
        var types = call.Office.Reports.Classified(call.Session, Classification.PriceType, filter);
        if (!types.Success)
        {
            return null;
        }

        var series = new List<(string, IReadOnlyDictionary<string, long>)>();
        var months = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in types.Value.Rows)
        {
            var name = row[0].Text!;
            var monthly = call.Office.Reports.Sales(call.Session, ReportPeriod.Monthly, filter with { PriceType = name }).Value;
            var money = monthly.Column("money");
            var byMonth = monthly.Rows.ToDictionary(r => r[0].Text!, r => r[money].Number ?? 0, StringComparer.Ordinal);
            months.UnionWith(byMonth.Keys);
            series.Add((name, byMonth));
        }

        return ReportCharts.SalesByPriceType($"Monthly takings by price type — {filter.Describe()}", [.. months], series);
    }
}
