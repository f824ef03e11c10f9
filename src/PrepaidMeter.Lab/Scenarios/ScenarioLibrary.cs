using PrepaidMeter.Core;

namespace PrepaidMeter.Lab.Scenarios;

/// <summary>
/// The shipped scenarios (fixtures/scenarios, embedded): every workflow of the seed systems and the
/// edge cases people hit in the field. A user names one by its name or by a file's path.
/// </summary>
public static class ScenarioLibrary
{
    private static readonly Lazy<IReadOnlyList<Scenario>> Shipped = new(LoadShipped);

    public static IReadOnlyList<Scenario> All => Shipped.Value;

    /// <summary>A shipped scenario by name, or a scenario file by path.</summary>
    public static ScenarioLoadResult Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (All.FirstOrDefault(s => s.Name == nameOrPath) is { } shipped)
        {
            return new(shipped, []);
        }

        return File.Exists(nameOrPath)
            ? ScenarioParser.Load(nameOrPath)
            : new(null, [$"{nameOrPath}: no shipped scenario has this name and no file has this path; 'prepaid lab list' shows the shipped ones"]);
    }

    private static List<Scenario> LoadShipped()
    {
        var scenarios = new List<Scenario>();
        foreach (var (name, json) in EmbeddedText.ReadAll(typeof(ScenarioLibrary).Assembly, "scenarios/"))
        {
            // A shipped scenario that does not load is a bug in this repository, not a user error.
            var scenario = ScenarioParser.Parse(json, "fixtures/" + name).GetScenarioOrThrow();
            if (scenarios.Any(s => s.Name == scenario.Name))
            {
                throw new InvalidOperationException($"Two shipped scenarios are named '{scenario.Name}'.");
            }

            scenarios.Add(scenario);
        }

        return scenarios;
    }
}
