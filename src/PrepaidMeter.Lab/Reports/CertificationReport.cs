using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Lab.Reports;

/// <summary>
/// What a certification leaves in its folder: report.html (a page a vendor can hand to a customer — the
/// model, the date, the target, each clause with pass or fail and its evidence, and the credit charts),
/// junit.xml for CI systems, and results.json.
/// </summary>
public static class CertificationReport
{
    /// <summary>UTF-8 without a byte-order mark: the JUnit readers of CI systems and diff tools read it as text.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string Write(string folder, CertificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var runs = result.Clauses.Select(c => c.Result).ToList();
        var page = CertificationPage.Write(folder, result);
        using (var junit = XmlWriter.Create(Path.Combine(folder, "junit.xml"), new XmlWriterSettings { Encoding = Utf8, Indent = true }))
        {
            JUnitReport.Build($"certify.{result.Model.Id}", runs).Save(junit);
        }

        File.WriteAllText(Path.Combine(folder, "results.json"), Json(result), Utf8);
        return page;
    }

    /// <summary>report.html as text, its charts embedded, without writing any file (the web console serves it).</summary>
    public static string Html(CertificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return CertificationPage.Render(result, chartDrawn: null);
    }

    /// <summary>
    /// The run's own fields, all under "run" and nowhere else: when it ran and how long it took (in all and per
    /// clause), and what only this machine and run can say of the target (<see cref="TargetPart.RunSpecific"/>:
    /// process ids, pseudo-terminals, temporary folders). Everything else in results.json is the same, byte for
    /// byte, for the same model, tool and target.
    /// </summary>
    public const string RunField = "run";

    public static string Json(CertificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var clauses = new JsonArray();
        foreach (var (clause, run) in result.Clauses)
        {
            var node = new JsonObject
            {
                ["rule"] = clause.Rule,
                ["title"] = clause.Title,
                ["ruleTexts"] = new JsonObject([.. RuleBook.Ids(clause.Rule).Select(id => KeyValuePair.Create(id, (JsonNode?)RuleBook.Text(id)))]),
            };
            foreach (var (key, value) in ResultJson.Scenario(run).Where(p => p.Key is not ("scenario" or "wallTimeMs")).ToList())
            {
                node[key] = value?.DeepClone();
            }

            clauses.Add(node);
        }

        var protocol = result.CardProtocol;
        var root = new JsonObject
        {
            ["model"] = result.Model.Id,
            ["modelSha256"] = result.Model.Sha256,
            ["layouts"] = new JsonArray([.. result.Model.Layouts.Select(l => (JsonNode)new JsonObject { ["id"] = l.Id, ["sha256"] = l.Sha256, ["mac"] = l.HasMac })]),
            ["toolVersion"] = result.Tool.Version,
            ["toolCommit"] = result.Tool.Commit,
            ["target"] = result.Target,
            ["targetDetails"] = Parts(result.TargetDetails.Where(p => !p.RunSpecific)),
            ["passed"] = result.Passed,
            ["cardProtocol"] = new JsonObject { ["forgeable"] = protocol.Forgeable, ["headline"] = protocol.Headline, ["detail"] = protocol.Detail },
            ["clauses"] = clauses,
            ["leftOut"] = new JsonArray([.. CertificationSuite.LeftOut(result.Model).Select(l => (JsonNode)new JsonObject { ["rule"] = l.Rule, ["why"] = l.Why })]),
            [RunField] = new JsonObject
            {
                ["at"] = result.At.ToString("O", CultureInfo.InvariantCulture),
                ["wallTimeMs"] = Math.Round(result.WallTime.TotalMilliseconds, 1),
                ["clauseWallTimeMs"] = new JsonArray([.. result.Clauses.Select(c => (JsonNode)Math.Round(c.Result.WallTime.TotalMilliseconds, 1))]),
                ["targetDetails"] = Parts(result.TargetDetails.Where(p => p.RunSpecific)),
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Label → value; a label several targets gave different values (each clause on a board of its own) keeps them all, joined.</summary>
    private static JsonObject Parts(IEnumerable<TargetPart> parts) => new([.. parts.GroupBy(p => p.Label, StringComparer.Ordinal)
        .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)string.Join("; ", g.Select(p => p.Value).Distinct(StringComparer.Ordinal))))]);
}
