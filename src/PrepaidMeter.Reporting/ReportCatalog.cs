using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Security;
using ScottPlot;

namespace PrepaidMeter.Reporting;

/// <summary>
/// One report as asked for: the service to ask, as whom, over which filter, its own options' text by name (null when not
/// given: the option's default holds) and the time now (for the reports whose default period is "last month").
/// </summary>
public sealed record ReportRun(ReportService Reports, OperatorSession Session, ReportFilter Filter, Func<string, string?> Value, DateTimeOffset Now)
{
    /// <summary>The text of <paramref name="option"/>, or its default when not given.</summary>
    public string? Text(ReportOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return Value(option.Name) ?? option.Default;
    }

    /// <summary>A whole-number option's value; null when it is not a whole number.</summary>
    public long? Whole(ReportOption option) =>
        long.TryParse(Text(option), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>
/// A report of `prepaid report NAME` and of the web console's /reports/NAME: its name, what it is, its own options beside the
/// filters (<see cref="ReportFilters"/>), how the back office produces it and, when it has one, its chart.
/// </summary>
public sealed class ReportKind
{
    private readonly Func<ReportRun, VendResult<ReportTable>> _produce;
    private readonly Func<ReportRun, ReportTable, Plot?>? _draw;

    internal ReportKind(string name, string description, Func<ReportRun, VendResult<ReportTable>> produce, Func<ReportRun, ReportTable, Plot?>? draw, params ReportOption[] options)
    {
        Name = name;
        Description = description;
        Options = options;
        _produce = produce;
        _draw = draw;
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>The report's own options, after the filters every report takes.</summary>
    public IReadOnlyList<ReportOption> Options { get; }

    public bool HasChart => _draw is not null;

    /// <summary>The report, or the back office's refusal (a filter naming nothing, an option out of its range).</summary>
    public VendResult<ReportTable> Produce(ReportRun run) => _produce(run);

    /// <summary>The report's chart, drawn from <paramref name="table"/> (or from the books over the same filter); null when there is nothing to draw.</summary>
    public Plot? Chart(ReportRun run, ReportTable table) => _draw?.Invoke(run, table);
}

/// <summary>Every report, in the order `prepaid report --help` lists them (docs/reports.md).</summary>
public static class ReportCatalog
{
    private static readonly ReportOption ClassifiedBy = new("--by", "By", "classified: price-type, category or medium; line-loss: line or area", "")
    {
        Choices = ["price-type", "category", "medium"],
    };

    private static readonly ReportOption LineLossBy = ClassifiedBy with { Choices = ["line", "area"] };

    private static readonly ReportOption Account = new("--account", "Account", "The account's id", Kind: ReportOptionKind.Id);

    private static readonly ReportOption Tolerance = new("--tolerance", "Tolerance", "line-loss: how far from each end of the period a reading may be (1d, 36h)", "3d");

    private static readonly ReportOption Month = new("--month", "Month", "abnormal: the month to look at (2026-10); the last full month by default");

    private static readonly ReportOption Night = new("--night", "Night window", "abnormal, water and gas: the night window in UTC, HH:mm-HH:mm", "01:00-05:00");

    private static readonly ReportOption LeakNights = new("--leak-nights", "Leak nights", "abnormal, water and gas: nights with readings a leak needs, at least", "7", ReportOptionKind.Count);

    private static readonly ReportOption LeakFloor = new("--leak-floor", "Leak floor (L/h)", "abnormal, water and gas: litres an hour every night must show for a leak, at least", "1", ReportOptionKind.Count);

    public static IReadOnlyList<ReportKind> All { get; } =
    [
        .. Enum.GetValues<ReportPeriod>().Select(period => new ReportKind(
            period.ToString().ToLowerInvariant(),
            $"Takings by {period.Unit()}: sales, energy, money, arrears, corrections, cancels, reissues",
            run => run.Reports.Sales(run.Session, period, run.Filter), (run, _) => SalesChart(run))),
        new ReportKind("classified", "Takings by price type (--by price-type, the default), customer category (--by category) or medium, card or token (--by medium)",
            run => run.Text(ClassifiedBy) switch
            {
                "" or "price-type" => run.Reports.Classified(run.Session, Classification.PriceType, run.Filter),
                "category" => run.Reports.Classified(run.Session, Classification.CustomerCategory, run.Filter),
                "medium" => run.Reports.Classified(run.Session, Classification.Medium, run.Filter),
                var other => Refuse.Invalid($"--by '{other}': classified reports go by price-type, category or medium"),
            }, draw: null, ClassifiedBy),
        new ReportKind("registration", "Accounts opened and meters stocked, installed, changed and retired, by month",
            run => run.Reports.Registration(run.Session, run.Filter), draw: null),
        new ReportKind("readings", "The latest reading of every meter: its source (return-write, check card, link) and its age",
            run => run.Reports.Readings(run.Session, run.Filter), draw: null),
        new ReportKind("account", "An account's book: arrears charged and receipts, debit, credit and balance; --chart draws its consumption against last year",
            run => run.Whole(Account) is { } id and > 0 ? run.Reports.AccountBook(run.Session, id, run.Filter) : Refuse.Invalid("give --account ID"),
            (run, _) => run.Reports.ConsumptionTrend(run.Session, run.Whole(Account) ?? 0, run.Filter.To?.AddTicks(-1) ?? run.Now) is { Success: true } trend
                ? ReportCharts.Trend(trend.Value) : null,
            Account),
        new ReportKind("line-loss", "Loss by line (--by line, the default) or transformer area (--by area) over --from/--to: summary meter against the customers' meters, ranked",
            LineLoss, (_, table) => ReportCharts.LossRates(table), LineLossBy, Tolerance),
        new ReportKind("abnormal", "Customers whose month is out of line with their own history: outliers (median and MAD), drops against last year, buying sprees, silences",
            Abnormal, (_, table) => ReportCharts.Flagged(table), Month, Night, LeakNights, LeakFloor),
    ];

    /// <summary>The report named <paramref name="name"/>, or null.</summary>
    public static ReportKind? Find(string? name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));

    private static VendResult<ReportTable> LineLoss(ReportRun run)
    {
        if (run.Filter.From is not { } from || run.Filter.To is not { } to)
        {
            return Refuse.Invalid("line loss needs a period: --from and --to");
        }

        var window = Durations.Parse(run.Text(Tolerance));
        if (!window.TryGetValue(out var days))
        {
            return Refuse.Invalid($"--tolerance: {window.Error}");
        }

        return run.Text(LineLossBy) switch
        {
            "" or "line" => run.Reports.LineLoss(run.Session, BranchKind.Line, from, to, days, run.Filter),
            "area" => run.Reports.LineLoss(run.Session, BranchKind.TransformerArea, from, to, days, run.Filter),
            var other => Refuse.Invalid($"--by '{other}': line loss goes by line or area"),
        };
    }

    private static VendResult<ReportTable> Abnormal(ReportRun run)
    {
        var now = run.Now;
        var at = run.Text(Month) is { } text ? ReportFilters.Moment(text.Length == 7 ? text + "-01" : text) : new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        if (at is not { } m)
        {
            return Refuse.Invalid($"--month '{run.Text(Month)}' is not a month such as 2026-10");
        }

        var window = run.Text(Night)!.Split('-');
        if (window.Length != 2 || !TimeSpan.TryParseExact(window[0], @"hh\:mm", CultureInfo.InvariantCulture, out var start)
            || !TimeSpan.TryParseExact(window[1], @"hh\:mm", CultureInfo.InvariantCulture, out var end) || start == end)
        {
            return Refuse.Invalid($"--night '{run.Text(Night)}': a window such as 01:00-05:00 (UTC)");
        }

        if (run.Whole(LeakNights) is not { } nights || run.Whole(LeakFloor) is not { } floor || nights < 1 || floor < 1 || nights > int.MaxValue || floor > int.MaxValue)
        {
            return Refuse.Invalid("--leak-nights and --leak-floor are 1 or more");
        }

        var rules = new AbnormalOptions { NightStart = start, NightEnd = end, LeakNights = (int)nights, LeakFloorLitresPerHour = (int)floor };
        return run.Reports.Abnormal(run.Session, m, run.Filter, rules);
    }

    /// <summary>Monthly takings stacked by price type over the report's filter.</summary>
    private static Plot? SalesChart(ReportRun run)
    {
        var types = run.Reports.Classified(run.Session, Classification.PriceType, run.Filter);
        if (!types.Success)
        {
            return null;
        }

        var series = new List<(string, IReadOnlyDictionary<string, long>)>();
        var months = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in types.Value.Rows)
        {
            var name = row[0].Text!;
            var monthly = run.Reports.Sales(run.Session, ReportPeriod.Monthly, run.Filter with { PriceType = name }).Value;
            var money = monthly.Column("money");
            var byMonth = monthly.Rows.ToDictionary(r => r[0].Text!, r => r[money].Number ?? 0, StringComparer.Ordinal);
            months.UnionWith(byMonth.Keys);
            series.Add((name, byMonth));
        }

        return ReportCharts.SalesByPriceType($"Monthly takings by price type — {run.Filter.Describe()}", [.. months], series);
    }
}
