using System.Globalization;
using System.Xml.Linq;
using PrepaidMeter.Lab.Running;

namespace PrepaidMeter.Lab.Reports;

/// <summary>JUnit XML for CI systems: one test case a scenario, its failed steps in the failure message.</summary>
public static class JUnitReport
{
    public static XDocument Build(string suite, IReadOnlyList<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var failures = results.Count(r => !r.Passed);
        var cases = results.Select(result =>
        {
            var element = new XElement("testcase",
                new XAttribute("classname", $"{suite}.{result.Target}"),
                new XAttribute("name", result.Scenario.Name),
                new XAttribute("time", Seconds(result.WallTime)));
            if (!result.Passed)
            {
                var lines = Failures(result).ToList();
                element.Add(new XElement("failure", new XAttribute("message", lines[0]), string.Join(Environment.NewLine, lines)));
            }

            return element;
        });
        return new XDocument(new XElement("testsuites",
            new XElement("testsuite",
                new XAttribute("name", suite),
                new XAttribute("tests", results.Count),
                new XAttribute("failures", failures),
                new XAttribute("errors", 0),
                new XAttribute("time", Seconds(TimeSpan.FromTicks(results.Sum(r => r.WallTime.Ticks)))),
                cases)));
    }

    /// <summary>One line a failure: the step, what it did, and each expectation that did not hold.</summary>
    public static IEnumerable<string> Failures(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Problem is { } problem)
        {
            yield return problem;
        }

        foreach (var step in result.Failures)
        {
            var failed = step.Checks.Where(c => !c.Passed).Select(c => c.ToString());
            var why = step.Problem is { } p ? [p, .. failed] : failed;
            yield return $"step {step.Step.Number} ({Scenarios.StepKinds.NameOf(step.Step.Kind)}): {string.Join("; ", why)}";
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
