using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrepaidMeter.Lab.Certification;

namespace PrepaidMeter.Lab.Reports;

/// <summary>
/// What a certification leaves in its folder: report.html (a page a vendor can hand to a customer — the
/// model, the date, the target, each clause with pass or fail and its evidence, and the credit charts),
/// junit.xml for CI systems, and results.json.
/// </summary>
public static class CertificationReport
{
    public static string Write(string folder, CertificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var model = result.Model;
        var runs = result.Clauses.Select(c => c.Result).ToList();
        var passed = result.Clauses.Count(c => c.Result.Passed);
        var page = HtmlReport.Write(folder, $"Certification of meter model {model.Id}", runs, result.At,
        [
            ("model", $"{model.Id} — {model.Description}"),
            ("credit unit, layouts", $"{model.CreditUnit}; {string.Join(", ", model.Layouts.Select(l => l.Id))}"),
            ("target", result.Target),
            ("date", result.At.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
            ("verdict", result.Passed ? $"CERTIFIED: all {result.Clauses.Count} clauses pass" : $"NOT CERTIFIED: {passed} of {result.Clauses.Count} clauses pass"),
            ("rules", "docs/meter-rules.md; each clause names the rules it proves"),
        ]);
        JUnitReport.Build($"certify.{model.Id}", runs).Save(Path.Combine(folder, "junit.xml"));
        File.WriteAllText(Path.Combine(folder, "results.json"), Json(result));
        return page;
    }

    public static string Json(CertificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var clauses = new JsonArray();
        foreach (var (clause, run) in result.Clauses)
        {
            var node = new JsonObject { ["rule"] = clause.Rule, ["title"] = clause.Title };
            foreach (var (key, value) in ResultJson.Scenario(run).Where(p => p.Key != "scenario").ToList())
            {
                node[key] = value?.DeepClone();
            }

            clauses.Add(node);
        }

        var root = new JsonObject
        {
            ["model"] = result.Model.Id,
            ["target"] = result.Target,
            ["at"] = result.At.ToString("O", CultureInfo.InvariantCulture),
            ["passed"] = result.Passed,
            ["clauses"] = clauses,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
