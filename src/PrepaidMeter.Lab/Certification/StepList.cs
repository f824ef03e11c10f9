using PrepaidMeter.Lab.Scenarios;

namespace PrepaidMeter.Lab.Certification;

/// <summary>Builds the steps of a generated scenario in order, numbering them as a file would.</summary>
internal sealed class StepList
{
    private readonly List<ScenarioStep> _steps = [];

    public IReadOnlyList<ScenarioStep> Steps => _steps;

    public StepList Add(StepKind kind, Func<ScenarioStep, ScenarioStep>? with = null, Expectation? expect = null, string? note = null)
    {
        var step = new ScenarioStep { Number = _steps.Count + 1, Kind = kind, Note = note };
        step = with?.Invoke(step) ?? step;
        _steps.Add(step with { Expect = expect ?? step.Expect });
        return this;
    }

    public StepList Do(StepKind kind, Expectation? expect = null, string? note = null) => Add(kind, null, expect, note);
}
