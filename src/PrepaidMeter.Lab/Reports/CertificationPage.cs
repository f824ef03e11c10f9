using System.Globalization;
using System.Text;
using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using static PrepaidMeter.Lab.Reports.HtmlReport;

namespace PrepaidMeter.Lab.Reports;

/// <summary>
/// report.html of a certification: what was certified and by what (tool version and commit, the SHA-256 of the
/// model and of each layout, every parameter, the target and how it was reached), the verdict and the card
/// protocol's, then each clause folded in a &lt;details&gt;: the text of its rules, each step with its checks, the
/// card before and after with the changed fields, the meter's registers and events, and the credit chart.
/// </summary>
internal static class CertificationPage
{
    private const string More = """
        <style>
        details { border: 1px solid #ccc; border-radius: 4px; margin: 0.5rem 0; padding: 0.3rem 0.8rem; }
        summary { cursor: pointer; font-weight: 600; } blockquote { margin: 0.5rem 0; padding-left: 0.8rem; border-left: 3px solid #aac; color: #333; }
        .finding { font-size: 1.2rem; font-weight: 700; padding: 0.5rem; border: 2px solid; }
        .finding.fail { background: #fdecea; } .finding.pass { background: #eaf6ec; }
        code { font-size: 0.75rem; word-break: break-all; } td details { border: none; padding: 0; margin: 0; }
        </style>
        """;

    public static string Write(string folder, CertificationResult result)
    {
        var html = Render(result, (run, png) =>
        {
            var chart = Path.Combine(folder, Slug(run.Scenario.Name) + ".png");
            File.WriteAllBytes(chart, png);
            File.WriteAllText(Path.ChangeExtension(chart, ".svg"), CreditChart.Svg(run));
        });
        var page = Path.Combine(folder, "report.html");
        File.WriteAllText(page, html);
        return page;
    }

    /// <summary>The page; <paramref name="chartDrawn"/> is given each clause's chart as it is drawn (null: the page alone).</summary>
    public static string Render(CertificationResult result, Action<ScenarioResult, byte[]>? chartDrawn)
    {
        var model = result.Model;
        var html = new StringBuilder();
        var passed = result.Clauses.Count(c => c.Result.Passed);
        var protocol = result.CardProtocol;
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Certification of meter model {E(model.Id)}</title>
            {Style}{More}
            </head><body>
            <h1>Certification of meter model {E(model.Id)}</h1>
            <p class="finding {(result.Passed ? "pass" : "fail")}">{(result.Passed ? $"CERTIFIED: all {result.Clauses.Count} clauses pass" : $"NOT CERTIFIED: {passed} of {result.Clauses.Count} clauses pass")}</p>
            <p class="finding {(protocol.Forgeable ? "fail" : "pass")}">{E(protocol.Headline)}</p>
            <p>{E(protocol.Detail)}</p>
            <h2>What was certified, and by what</h2>
            <table>

            """);
        foreach (var (label, value) in Provenance(result))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(label)}</th><td>{E(value)}</td></tr>\n");
        }

        html.Append("</table>\n<h2>The model's parameters</h2>\n<table>\n");
        foreach (var (parameter, value) in ModelSheet.Rows(model))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(parameter)}</th><td>{E(value)}</td></tr>\n");
        }

        var leftOut = CertificationSuite.LeftOut(model);
        if (leftOut.Count > 0)
        {
            html.Append("</table>\n<h2>Clauses left out, and why</h2>\n<table><tr><th>rules</th><th>why</th></tr>\n");
            foreach (var (rule, why) in leftOut)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(rule)}</td><td>{E(why)}</td></tr>\n");
            }
        }

        html.Append("</table>\n<h2>Clauses</h2>\n<table><tr><th>rules</th><th>clause</th><th>steps</th><th>result</th></tr>\n");
        foreach (var (clause, run) in result.Clauses)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(clause.Rule)}</td><td><a href=\"#{Slug(run.Scenario.Name)}\">{E(clause.Title)}</a></td><td>{run.Steps.Count}</td><td>{Verdict(run.Passed, run.Passed ? "pass" : "FAIL")}</td></tr>\n");
        }

        html.Append("</table>\n");
        foreach (var (clause, run) in result.Clauses)
        {
            var png = CreditChart.Png(run);
            chartDrawn?.Invoke(run, png);
            AppendClause(html, clause, run, Convert.ToBase64String(png), clause.Forgery ? protocol : null);
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>The header's facts: the model and layouts by hash, the tool by version and commit, the target and how it was reached.</summary>
    public static IEnumerable<(string Label, string Value)> Provenance(CertificationResult result)
    {
        var model = result.Model;
        yield return ("model", $"{model.Id} — {model.Description}");
        yield return ("model SHA-256", model.Sha256);
        foreach (var layout in model.Layouts)
        {
            yield return ($"layout {layout.Id} SHA-256", $"{layout.Sha256} ({(layout.HasMac ? "MAC" : "checksums only, no MAC")})");
        }

        yield return ("tool", $"prepaid {result.Tool.Version}");
        yield return ("tool commit", result.Tool.Commit);
        yield return ("target", result.Target);
        foreach (var part in result.TargetDetails)
        {
            yield return (part.Label, part.Value);
        }

        yield return ("date", result.At.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        yield return ("rules", "docs/meter-rules.md of the tool's commit; each clause quotes the rules it proves");
    }

    private static void AppendClause(StringBuilder html, CertificationClause clause, ScenarioResult run, string pngBase64, CardProtocol? finding)
    {
        html.Append(CultureInfo.InvariantCulture, $"""
            <details id="{Slug(run.Scenario.Name)}"{(run.Passed ? "" : " open")}>
            <summary>{E(clause.Rule)} — {E(clause.Title)} — {Verdict(run.Passed, run.Passed ? "pass" : "FAIL")}</summary>

            """);
        foreach (var id in RuleBook.Ids(clause.Rule))
        {
            html.Append(CultureInfo.InvariantCulture, $"<blockquote><b>{E(id)}</b> {E(RuleBook.Text(id) ?? "(no such rule in docs/meter-rules.md)")}</blockquote>\n");
        }

        if (finding is not null)
        {
            // The rule says what a MAC refuses; the finding says what this layout let through (docs/scenarios.md, Certification).
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"finding {(finding.Forgeable ? "fail" : "pass")}\">{E(finding.Headline)}</p>\n");
        }

        if (run.Problem is { } problem)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"fail\">{E(problem)}</p>\n");
        }

        html.Append("<table><tr><th>#</th><th>time (UTC)</th><th>step</th><th>what happened</th><th>checks</th><th>evidence</th></tr>\n");
        foreach (var step in run.Steps)
        {
            var checks = string.Join("<br>", step.Checks.Select(c => (c.Passed ? "✓ " : "✗ ") + E(c.ToString())));
            if (step.Problem is { } stepProblem)
            {
                checks = $"✗ {E(stepProblem)}" + (checks.Length > 0 ? "<br>" + checks : "");
            }

            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{step.Step.Number}</td><td>{step.At:yyyy-MM-dd HH:mm}</td><td>{E(StepKinds.NameOf(step.Step.Kind))}{(step.Step.Note is { } note ? "<br><span class=\"checks\">" + E(note) + "</span>" : "")}</td>
                <td>{E(step.Summary)}</td><td class="checks">{checks}</td><td class="checks">{Evidence(step)}</td></tr>

                """);
        }

        html.Append(CultureInfo.InvariantCulture, $"</table>\n<img alt=\"credit and relay of {E(run.Scenario.Name)}\" src=\"data:image/png;base64,{pngBase64}\">\n</details>\n");
    }

    /// <summary>Each card's changed fields (before → after), then the registers — the account meter's, and the other meter's the step acted on — and events folded away.</summary>
    private static string Evidence(StepResult step)
    {
        var text = new StringBuilder();
        foreach (var card in step.Cards)
        {
            text.Append(CultureInfo.InvariantCulture, $"<b>{E(card.Card)}</b><br>before: {E(card.Before)}<br>after: {E(card.After)}<br>");
            text.Append(card.Changes.Count == 0 ? "no field changed<br>" : string.Join("", card.Changes.Select(c => E(c.ToString()) + "<br>")));
            text.Append(CultureInfo.InvariantCulture,
                $"<details><summary>{E(card.Card)} images</summary>before <code>{card.BeforeHex}</code><br>after <code>{card.AfterHex}</code></details>");
        }

        // The events are those of the meter the step acted on: the other meter's when there is one.
        var other = step.OtherMeter.Count > 0;
        Meter(text, "meter after", step.Registers, other ? [] : step.Events);
        if (other)
        {
            Meter(text, "the meter the step acted on, after", step.OtherMeter, step.Events);
        }

        return text.ToString();
    }

    private static void Meter(StringBuilder text, string title, IReadOnlyList<Register> registers, IReadOnlyList<string> events)
    {
        text.Append(CultureInfo.InvariantCulture, $"<details><summary>{E(title)}</summary>");
        text.Append(string.Join("<br>", registers.Select(r => $"{E(r.Name)} {E(r.Value)}")));
        if (events.Count > 0)
        {
            text.Append("<br><b>events</b><br>").Append(string.Join("<br>", events.Select(E)));
        }

        text.Append("</details>");
    }
}
