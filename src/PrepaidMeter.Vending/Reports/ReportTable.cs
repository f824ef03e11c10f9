using System.Globalization;

namespace PrepaidMeter.Vending.Reports;

/// <summary>What a column holds: words, a count, or an amount in integer hundredths (energy in kWh, volume in m³, money).</summary>
public enum ColumnKind
{
    Text,
    Count,
    Energy,
    Money,

    /// <summary>Hundredths of a percent: 1234 is 12.34%.</summary>
    Percent,

    /// <summary>A plain number in hundredths (a score): 412 is 4.12.</summary>
    Decimal,

    /// <summary>Hundredths of a m³ (water, gas): 1234 is 12.34 m³. Never in a column with kWh.</summary>
    Volume,
}

public sealed record ReportColumn(string Name, ColumnKind Kind)
{
    public bool IsNumber => Kind != ColumnKind.Text;
}

/// <summary>One cell: text for a text column, an integer (a count, or hundredths) for a number column; null is empty.</summary>
public readonly record struct ReportCell(string? Text, long? Number)
{
    public static ReportCell Of(string? text) => new(text, null);

    public static ReportCell Of(long number) => new(null, number);

    public static ReportCell Empty => default;

    /// <summary>As a person reads it: hundredths with two decimals, counts whole, invariant culture.</summary>
    public string Format(ColumnKind kind) => Number is not { } n ? Text ?? ""
        : kind is ColumnKind.Count ? n.ToString(CultureInfo.InvariantCulture)
        : Hundredths(n);

    /// <summary>Hundredths as a decimal: exact, never through floating point.</summary>
    public decimal? Value(ColumnKind kind) => Number is not { } n ? null : kind is ColumnKind.Count ? n : n / 100m;

    public static string Hundredths(long hundredths) => (hundredths / 100m).ToString("F2", CultureInfo.InvariantCulture);
}

/// <summary>
/// A report as every output writes it — console table, JSON, CSV, XLSX: a title, what it covers, typed
/// columns, rows, a totals row (the sum of the rows' numbers, or what the report says it is), and notes
/// (flags, missing data) that belong with it.
/// </summary>
public sealed record ReportTable(string Title, string Covers, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<ReportCell>> Rows)
{
    public IReadOnlyList<ReportCell>? Totals { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The totals row summing every number column except those named in <paramref name="notSummed"/>.</summary>
    public ReportTable WithSummedTotals(params string[] notSummed)
    {
        var totals = Columns.Select((c, i) => i == 0 ? ReportCell.Of("total")
            : c.IsNumber && !notSummed.Contains(c.Name) ? ReportCell.Of(Rows.Sum(r => r[i].Number ?? 0))
            : ReportCell.Empty).ToList();
        return this with { Totals = totals };
    }

    public int Column(string name) =>
        Columns.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Name == name) is var (column, index) && column is not null
            ? index
            : throw new ArgumentException($"The report has no column '{name}'.", nameof(name));
}
