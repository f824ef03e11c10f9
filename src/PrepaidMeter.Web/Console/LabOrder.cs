using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Web.Console;

/// <summary>What a lab run plays: one sealed record per kind of run.</summary>
public abstract record LabOrder
{
    /// <summary>Where it plays: "virtual" (the reference meter in the console's process) or "stack" (when the console offers it).</summary>
    public string Target { get; init; } = "virtual";

    /// <summary>How many results the run will have (scenarios or clauses): the page's "3 of 25".</summary>
    public abstract int Parts { get; }

    /// <summary>
    /// Shipped scenarios by name, in the order given, each once. Only the library's names are taken: `prepaid lab run` also plays a
    /// file by its path, but a path typed into a web form would read files on the console's machine for whoever signed in.
    /// </summary>
    public static (LabOrder? Order, string? Mistake) OfScenarios(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var chosen = new List<Scenario>();
        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal))
        {
            if (ScenarioLibrary.All.FirstOrDefault(s => s.Name == name) is not { } scenario)
            {
                return (null, $"no shipped scenario is named '{name}'");
            }

            chosen.Add(scenario);
        }

        return chosen.Count == 0 ? (null, "choose at least one scenario to run") : (new ScenarioOrder(chosen), null);
    }

    /// <summary>The certification of a shipped model by its id (a model file's path is refused for the reason <see cref="OfScenarios"/> gives).</summary>
    public static (LabOrder? Order, string? Mistake) OfModel(string? modelId) =>
        string.IsNullOrWhiteSpace(modelId)
            ? (null, "choose the meter model to certify")
            : MeterModels.All.FirstOrDefault(m => m.Id == modelId) is { } model
                ? (new CertificationOrder(model, CertificationSuite.For(model).Count), null)
                : (null, $"no shipped meter model is named '{modelId}'");
}

/// <summary>Shipped scenarios, played one after another (`prepaid lab run NAME...`).</summary>
public sealed record ScenarioOrder(IReadOnlyList<Scenario> Scenarios) : LabOrder
{
    public override int Parts => Scenarios.Count;
}

/// <summary>A model's certification suite (`prepaid certify --model ID`).</summary>
public sealed record CertificationOrder(MeterModel Model, int Clauses) : LabOrder
{
    public override int Parts => Clauses;
}
