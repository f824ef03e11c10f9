using BenchmarkDotNet.Attributes;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Benchmarks.Lab;

/// <summary>
/// Scenario steps on the virtual target (issue 6): the demo story alone (27 steps: sales, swipes, a
/// month of consumption, a reissue, a meter change) and the whole shipped library, each scenario on its
/// own temporary SQLite file as `prepaid lab run --all` plays them. Steps per second = the steps played
/// ÷ the mean; <see cref="SetUpOnly"/> is what every scenario pays before its first step (a new database,
/// its schema, the site, the group, the price, the customer, the meters in stock).
/// </summary>
public class ScenarioBenchmarks
{
    private Scenario _story = null!;
    private Scenario _empty = null!;
    private IReadOnlyList<Scenario> _library = [];

    [GlobalSetup]
    public void Setup()
    {
        _library = ScenarioLibrary.All;
        _story = _library.Single(s => s.Name == "demo-story");
        _empty = _story with { Name = "set-up only", Steps = [new ScenarioStep { Number = 1, Kind = StepKind.Advance, Duration = TimeSpan.FromSeconds(1) }] };
    }

    [Benchmark(Baseline = true)]
    public async Task<int> SetUpOnly() => await PlayAsync(_empty);

    [Benchmark]
    public async Task<int> DemoStory() => await PlayAsync(_story);

    [Benchmark]
    public async Task<int> WholeLibrary()
    {
        var steps = 0;
        foreach (var scenario in _library)
        {
            steps += await PlayAsync(scenario);
        }

        return steps;
    }

    private static async Task<int> PlayAsync(Scenario scenario)
    {
        await using var target = new VirtualTarget();
        var result = await ScenarioRunner.RunAsync(scenario, target);
        return result.Passed ? result.Steps.Count : throw new InvalidOperationException($"{scenario.Name} failed on the benchmark machine.");
    }
}
