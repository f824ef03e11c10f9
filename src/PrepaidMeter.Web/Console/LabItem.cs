using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// One finished part of a lab run, as the run's page and its event stream show it: a scenario (its name and description) or a
/// certification clause (its rules and title), whether it passed, and each failed expectation in the Lab's own words.
/// </summary>
public readonly record struct LabItem(int Number, string Name, string Title, bool Passed, int Steps, IReadOnlyList<string> Failures)
{
    public static LabItem Of(int number, ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(number, result.Scenario.Name, result.Scenario.Description, result.Passed, result.Steps.Count, [.. JUnitReport.Failures(result)]);
    }

    public static LabItem Of(int number, CertificationClause clause, ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(clause);
        ArgumentNullException.ThrowIfNull(result);
        return new(number, clause.Rule, clause.Title, result.Passed, result.Steps.Count, [.. JUnitReport.Failures(result)]);
    }
}
