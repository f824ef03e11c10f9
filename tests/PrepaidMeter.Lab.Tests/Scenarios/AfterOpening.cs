using PrepaidMeter.Lab.Scenarios;

namespace PrepaidMeter.Lab.Tests.Scenarios;

/// <summary>A scenario file of one step after an account is opened: what the parser made of that step, or its one mistake.</summary>
internal static class AfterOpening
{
    private const string Opened = """{ "do": "openAccount", "energy": "50" }, """;

    public static string With(string steps) => $$"""{ "name": "t", "model": "pm-ref-energy", "steps": [ {{Opened}}{{steps}} ] }""";

    public static ScenarioStep Second(string step) => ScenarioParser.Parse(With(step), "t.json").GetScenarioOrThrow().Steps[1];

    public static string Error(string step)
    {
        var result = ScenarioParser.Parse(With(step), "t.json");
        result.Success.ShouldBeFalse();
        return result.Errors.ShouldHaveSingleItem();
    }
}
