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
        var unit = result.Scenario.Model.CreditUnit switch
        {
            CreditUnit.Energy => "kWh",
            CreditUnit.Money => "money",
            CreditUnit.Volume => "m³",
            var other => throw new InvalidOperationException($"Not a credit unit: {(byte)other}."),
        };
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
        // Whole, not cut: the name wrapped onto lines that fit the width at the title's size.
        plot.Title(string.Join("\n", TitleLines($"{result.Scenario.Name} — meter credit and relay ({result.Target})", TitleChars)));
        plot.Axes.Title.Label.FontSize = TitleFontSize;
        var alarm1 = (site.Alarm1 ?? defaults.Alarm1.Hundredths) / 100.0;
        var (bottom, top) = YRange(ys, alarm1);
        plot.Axes.SetLimitsY(bottom, top);
        if (ys.Length > 0 && ys.Max() > top)
        {
            var clipped = plot.Add.HorizontalLine(top);
            clipped.LineStyle.Width = 0;
            clipped.LegendText = $"above the top: up to {ys.Max():0.00} {unit}";
        }
        plot.YLabel($"remaining ({unit})");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>Characters a title line holds at <see cref="TitleFontSize"/> in <see cref="Width"/> pixels (about 9 px a character, margins kept).</summary>
    public const int TitleChars = 95;

    public const float TitleFontSize = 15;

    /// <summary>Words onto lines of at most <paramref name="width"/> characters (a longer word has a line of its own).</summary>
    public static IReadOnlyList<string> TitleLines(string title, int width)
    {
        ArgumentNullException.ThrowIfNull(title);
        var lines = new List<string>();
        var line = "";
        foreach (var word in title.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = "";
            }

            line = line.Length == 0 ? word : $"{line} {word}";
        }

        lines.Add(line);
        return lines;
    }

    /// <summary>
    /// The y-range that shows the story: zero, the alarm levels and where the credit went. The story's height is the
    /// larger of 1.5 × alarm 1 and the 90th percentile of the samples. When the highest sample is within
    /// <see cref="OutlierFactor"/> of it, everything is shown; when it is further — one large purchase — the top is
    /// twice the story's height, so the spike does not flatten the run-down and the alarm levels into the bottom
    /// pixels; what lies above is clipped and the legend says how high it went. A clamp rather than a log axis,
    /// which cannot show zero or an overdraft, or a broken axis, which ScottPlot does not draw.
    /// </summary>
    public static (double Bottom, double Top) YRange(IReadOnlyList<double> values, double alarm1)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return (-0.05 * Math.Max(alarm1 * 1.5, 1), Math.Max(alarm1 * 1.5, 1));
        }

        var story = Math.Max(Math.Max(alarm1 * 1.5, sorted[(int)Math.Floor(0.9 * (sorted.Length - 1))]), 1);
        var top = sorted[^1] <= OutlierFactor * story ? Math.Max(sorted[^1], story) * 1.05 : 2 * story;
        var low = Math.Min(sorted[0], 0);
        return (low - (0.05 * (top - low)), top);
    }

    /// <summary>How far above the story's height the highest sample may be before it is clipped.</summary>
    public const double OutlierFactor = 4;

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
