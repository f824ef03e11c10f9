using PrepaidMeter.Core;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Meter.State;
using ScottPlot;

namespace PrepaidMeter.Lab.Reports;

/// <summary>
/// The account meter's remaining credit over a run, with the times the relay was open shaded and the
/// alarm levels drawn across: the picture a vendor shows a customer. Rendered headless (ScottPlot on Skia).
/// </summary>
public static class CreditChart
{
    public const int Width = 960;
    public const int Height = 420;

    public static byte[] Png(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var plot = Build(result);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    public static string Svg(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var plot = Build(result);
        return plot.GetSvgXml(Width, Height);
    }

    private static Plot Build(ScenarioResult result)
    {
        var plot = new Plot();
        var points = result.Timeline;
        var unit = result.Scenario.Model.CreditUnit == CreditUnit.Energy ? "kWh" : "money";
        var xs = points.Select(p => p.At.UtcDateTime.ToOADate()).ToArray();
        var ys = points.Select(p => p.Remaining / 100.0).ToArray();

        // Shade each stretch in which the relay stood open, first so the line is drawn over it.
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Relay != RelayState.Open)
            {
                continue;
            }

            var start = i;
            while (i + 1 < points.Count && points[i + 1].Relay == RelayState.Open)
            {
                i++;
            }

            var end = i + 1 < points.Count ? xs[i + 1] : xs[i];
            var span = plot.Add.HorizontalSpan(xs[start], Math.Max(end, xs[start] + (1.0 / 24 / 60)));
            span.FillStyle.Color = Colors.Red.WithAlpha(0.18);
            span.LineStyle.Width = 0;
            span.LegendText = start == FirstOpen(points) ? "relay open" : "";
        }

        // The levels the site's set cards wrote into the meter.
        var site = result.Scenario.Site;
        var defaults = result.Scenario.Model.Defaults;
        AddLevel(plot, site.Alarm1 ?? defaults.Alarm1.Hundredths, "alarm 1", Colors.Orange);
        AddLevel(plot, site.Alarm2 ?? defaults.Alarm2.Hundredths, "alarm 2", Colors.OrangeRed);

        var zero = plot.Add.HorizontalLine(0);
        zero.LineStyle.Color = Colors.Gray;
        zero.LineStyle.Width = 1;

        if (xs.Length > 0)
        {
            var line = plot.Add.Scatter(xs, ys);
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.Color = Colors.SteelBlue;
            line.LegendText = $"remaining credit ({unit})";
        }

        var axis = plot.Axes.DateTimeTicksBottom();
        if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
        {
            // Dates as the tables print them, not in one country's order.
            ticks.LabelFormatter = at => at.ToString(at.TimeOfDay == TimeSpan.Zero ? "MM-dd" : "MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        }
        plot.Title($"{result.Scenario.Name} — meter credit and relay ({result.Target})");
        plot.YLabel($"remaining ({unit})");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static int FirstOpen(IReadOnlyList<TimelinePoint> points)
    {
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Relay == RelayState.Open)
            {
                return i;
            }
        }

        return -1;
    }

    private static void AddLevel(Plot plot, long hundredths, string name, Color color)
    {
        var line = plot.Add.HorizontalLine(hundredths / 100.0);
        line.LineStyle.Color = color;
        line.LineStyle.Pattern = LinePattern.Dashed;
        line.LineStyle.Width = 1;
        line.LegendText = name;
    }
}
