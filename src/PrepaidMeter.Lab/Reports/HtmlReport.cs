using System.Globalization;
using System.Net;
using System.Text;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;

namespace PrepaidMeter.Lab.Reports;

/// <summary>
/// One self-contained HTML page for a run (charts embedded, nothing fetched): what was played, on which
/// target and model, each step with what happened, the meter after it and every check, and the credit
/// chart. The chart is also written beside it as PNG and SVG.
/// </summary>
public static class HtmlReport
{
    internal const string Style = """
        <style>
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; font-size: 0.9rem; }
        th, td { border: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
        th { background: #f0f3f7; }
        .pass { color: #1a7f37; font-weight: 600; } .fail { color: #c62828; font-weight: 600; }
        .checks { font-size: 0.8rem; color: #555; } img { max-width: 100%; border: 1px solid #ddd; }
        </style>
        """;

    /// <summary>Writes report.html, and for each scenario its chart as NAME.png and NAME.svg, into <paramref name="folder"/>; returns the page's path.</summary>
    public static string Write(string folder, string title, IReadOnlyList<ScenarioResult> results, DateTimeOffset madeAt,
        IReadOnlyList<(string Label, string Value)>? facts = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(folder);
        var html = Render(title, results, madeAt, facts, (result, png) =>
        {
            var chart = Path.Combine(folder, Slug(result.Scenario.Name) + ".png");
            File.WriteAllBytes(chart, png);
            File.WriteAllText(Path.ChangeExtension(chart, ".svg"), CreditChart.Svg(result));
        });
        var page = Path.Combine(folder, "report.html");
        File.WriteAllText(page, html);
        return page;
    }

    /// <summary>The same page as <see cref="Write"/>, as text and without the chart files beside it (the web console serves it).</summary>
    public static string Html(string title, IReadOnlyList<ScenarioResult> results, DateTimeOffset madeAt,
        IReadOnlyList<(string Label, string Value)>? facts = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Render(title, results, madeAt, facts, chartDrawn: null);
    }

    private static string Render(string title, IReadOnlyList<ScenarioResult> results, DateTimeOffset madeAt,
        IReadOnlyList<(string Label, string Value)>? facts, Action<ScenarioResult, byte[]>? chartDrawn)
    {
        var html = new StringBuilder();
        var verdict = results.All(r => r.Passed) ? Verdict(true, "all passed") : Verdict(false, $"{results.Count(r => !r.Passed)} failed");
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{E(title)}</title>
            {Style}
            </head><body>
            <h1>{E(title)}</h1>
            <p>Made {madeAt:yyyy-MM-dd HH:mm} UTC · {results.Count} scenario(s) · {verdict}</p>

            """);
        if (facts is not null)
        {
            html.Append("<table>");
            foreach (var (label, value) in facts)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(label)}</th><td>{E(value)}</td></tr>");
            }

            html.Append("</table>\n");
        }

        html.Append("<table><tr><th>scenario</th><th>steps</th><th>checks</th><th>result</th></tr>\n");
        foreach (var result in results)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td><a href=\"#{Slug(result.Scenario.Name)}\">{E(result.Scenario.Name)}</a></td><td>{result.Steps.Count}</td><td>{result.Steps.Sum(s => s.Checks.Count)}</td><td>{Verdict(result.Passed, result.Passed ? "pass" : "FAIL")}</td></tr>\n");
        }

        html.Append("</table>\n");
        foreach (var result in results)
        {
            var png = CreditChart.Png(result);
            chartDrawn?.Invoke(result, png);
            AppendScenario(html, result, Convert.ToBase64String(png));
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendScenario(StringBuilder html, ScenarioResult result, string pngBase64)
    {
        var scenario = result.Scenario;
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2 id="{Slug(scenario.Name)}">{E(scenario.Name)} — {Verdict(result.Passed, result.Passed ? "passed" : "failed")}</h2>
            <p>{E(scenario.Description)}</p>
            <p>Model <b>{E(scenario.Model.Id)}</b> ({E(scenario.Model.CreditUnit.ToString())} unit, {(scenario.Model.Layouts.Count > 0 ? $"layout {E(scenario.Model.Layouts[0].Id)}" : "keypad tokens only")}) ·
            target <b>{E(result.Target)}</b> · from {E(scenario.Source)} · {result.Steps.Count} steps in {result.WallTime.TotalMilliseconds:0} ms</p>
            """);
        if (result.Problem is { } problem)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"fail\">{E(problem)}</p>\n");
        }

        html.Append("<table><tr><th>#</th><th>time (UTC)</th><th>step</th><th>what happened</th><th>meter after</th><th>checks</th><th></th></tr>\n");
        foreach (var step in result.Steps)
        {
            var checks = string.Join("<br>", step.Checks.Select(c => (c.Passed ? "✓ " : "✗ ") + E(c.ToString())));
            if (step.Problem is { } stepProblem)
            {
                checks = $"✗ {E(stepProblem)}" + (checks.Length > 0 ? "<br>" + checks : "");
            }

            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{step.Step.Number}</td><td>{step.At:yyyy-MM-dd HH:mm}</td><td>{E(StepKinds.NameOf(step.Step.Kind))}{(step.Step.Note is { } note ? "<br><span class=\"checks\">" + E(note) + "</span>" : "")}</td>
                <td>{E(step.Summary)}</td><td>{E(step.Meter.Remaining)}<br>{E(step.Meter.SupplyText)}<br>{E(step.Meter.CreditState.ToString())}</td>
                <td class="checks">{checks}</td><td>{Verdict(step.Passed, step.Passed ? "pass" : "FAIL")}</td></tr>

                """);
        }

        html.Append(CultureInfo.InvariantCulture, $"</table>\n<img alt=\"credit and relay of {E(scenario.Name)}\" src=\"data:image/png;base64,{pngBase64}\">\n");
    }

    internal static string Verdict(bool passed, string text) => $"<span class=\"{(passed ? "pass" : "fail")}\">{E(text)}</span>";

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A file and anchor name: letters, digits and dashes, at most 60 characters.</summary>
    public static string Slug(string name)
    {
        var slug = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '-'));
        return slug.Length <= 60 ? slug : slug[..60];
    }
}
