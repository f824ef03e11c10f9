using PrepaidMeter.Vending.Reports;
using ScottPlot;

namespace PrepaidMeter.Reporting;

/// <summary>
/// The reports' charts (ScottPlot, headless) — `prepaid report ... --chart FILE` and the web console's /reports/NAME.png|.svg:
/// monthly sales by price type, a customer's consumption against last year, the line-loss rate by branch, and the flagged
/// customers. PNG or SVG. Amounts are integer hundredths everywhere else; here they become
/// doubles only to be drawn.
/// </summary>
public static class ReportCharts
{
    public const int Width = 1000;
    public const int Height = 480;

    /// <summary>Stacked monthly takings, one colour a price type.</summary>
    public static Plot SalesByPriceType(string title, IReadOnlyList<string> months, IReadOnlyList<(string PriceType, IReadOnlyDictionary<string, long> MoneyByMonth)> series)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var below = new double[months.Count];
        for (var s = 0; s < series.Count; s++)
        {
            var bars = new List<Bar>();
            for (var m = 0; m < months.Count; m++)
            {
                var value = series[s].MoneyByMonth.GetValueOrDefault(months[m]) / 100.0;
                bars.Add(new Bar { Position = m, ValueBase = below[m], Value = below[m] + value, FillColor = palette.GetColor(s) });
                below[m] += value;
            }

            plot.Add.Bars(bars).LegendText = series[s].PriceType;
        }

        Ticks(plot, months);
        plot.Title(title);
        plot.YLabel("money");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>This year's months beside last year's.</summary>
    public static Plot Trend(ReportTable trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var plot = new Plot();
        var months = trend.Rows.Select(r => r[0].Text ?? "").ToList();
        double[] xs = [.. Enumerable.Range(0, months.Count).Select(i => (double)i)];
        void Series(int column, string legend, Color color)
        {
            var ys = trend.Rows.Select(r => r[column].Number is { } n ? n / 100.0 : double.NaN).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = legend;
            line.Color = color;
            line.LineWidth = 2;
        }

        Series(1, "this year", Colors.SteelBlue);
        Series(2, "a year before", Colors.Gray);
        Ticks(plot, months);
        plot.Title(trend.Title);
        plot.YLabel($"{trend.Columns[1].Name} a month");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>The loss rate of each branch that has one, highest first.</summary>
    public static Plot LossRates(ReportTable lineLoss)
    {
        ArgumentNullException.ThrowIfNull(lineLoss);
        var rate = lineLoss.Column("loss rate %");
        var rows = lineLoss.Rows.Where(r => r[rate].Number is not null).ToList();
        var plot = new Plot();
        plot.Add.Bars(rows.Select((r, i) => new Bar { Position = i, Value = r[rate].Number!.Value / 100.0, FillColor = Colors.IndianRed }).ToArray());
        Ticks(plot, [.. rows.Select(r => r[0].Text ?? "")]);
        plot.Title(lineLoss.Title);
        plot.YLabel("loss rate %");
        return plot;
    }

    /// <summary>One bar a flag: the flagged customer's consumption this month, labelled with the flag.</summary>
    public static Plot Flagged(ReportTable abnormal)
    {
        ArgumentNullException.ThrowIfNull(abnormal);
        // "kWh this month", or "m³ this month" for water and gas: the report's own quantity column.
        var used = abnormal.Columns.Select((c, i) => (c.Name, i)).First(c => c.Name.EndsWith(" this month", StringComparison.Ordinal));
        var column = used.i;
        var flag = abnormal.Column("flag");
        var plot = new Plot();
        var rows = abnormal.Rows.Take(40).ToList();
        plot.Add.Bars(rows.Select((r, i) => new Bar { Position = i, Value = (r[column].Number ?? 0) / 100.0, FillColor = Colors.DarkOrange, Orientation = Orientation.Horizontal }).ToArray());
        var ticks = rows.Select((r, i) => new Tick(i, $"{r[0].Text} {r[flag].Text}")).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Title($"{abnormal.Title}: {abnormal.Rows.Count} flag(s)");
        plot.XLabel(used.Name);
        return plot;
    }

    /// <summary>Writes <paramref name="plot"/> as PNG or SVG by <paramref name="path"/>'s extension.</summary>
    public static void Save(Plot plot, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllText(path, Svg(plot));
        }
        else
        {
            File.WriteAllBytes(path, Png(plot));
        }
    }

    /// <summary><paramref name="plot"/> as a PNG image, <see cref="Width"/> by <see cref="Height"/>; the plot is disposed.</summary>
    public static byte[] Png(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        using (plot)
        {
            return plot.GetImageBytes(Width, Height, ImageFormat.Png);
        }
    }

    /// <summary><paramref name="plot"/> as an SVG document, <see cref="Width"/> by <see cref="Height"/>; the plot is disposed.</summary>
    public static string Svg(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        using (plot)
        {
            return plot.GetSvgXml(Width, Height);
        }
    }

    private static void Ticks(Plot plot, IReadOnlyList<string> labels)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. labels.Select((l, i) => new Tick(i, l))]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = labels.Count > 8 ? 45 : 0;
    }
}
