using System.Text.Json;
using System.Text.Json.Nodes;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;

namespace PrepaidMeter.Lab.Reports;

/// <summary>Results as JSON for scripts: each scenario, each step, each check.</summary>
public static class ResultJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(IReadOnlyList<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var array = new JsonArray([.. results.Select(r => (JsonNode)Scenario(r))]);
        return array.ToJsonString(Indented);
    }

    /// <summary>One scenario's result as a JSON object (certification wraps it with its clause).</summary>
    public static JsonObject Scenario(ScenarioResult result) => new()
    {
        ["scenario"] = result.Scenario.Name,
        ["source"] = result.Scenario.Source,
        ["model"] = result.Scenario.Model.Id,
        ["target"] = result.Target,
        ["passed"] = result.Passed,
        ["problem"] = result.Problem,
        ["wallTimeMs"] = Math.Round(result.WallTime.TotalMilliseconds, 1),
        ["steps"] = new JsonArray([.. result.Steps.Select(Step)]),
    };

    /// <summary>Enum names as the scenario files write them: "creditExhausted, alarm2".</summary>
    private static string Names(string flags) => string.Join(", ", flags.Split(", ").Select(JsonFields.CamelCase));

    private static JsonNode Step(StepResult step) => new JsonObject
    {
        ["number"] = step.Step.Number,
        ["do"] = StepKinds.NameOf(step.Step.Kind),
        ["passed"] = step.Passed,
        ["summary"] = step.Summary,
        ["problem"] = step.Problem,
        ["meterResult"] = step.MeterResult is { } result ? JsonFields.CamelCase(result.ToString()) : null,
        ["at"] = step.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["meter"] = new JsonObject
        {
            ["number"] = step.Meter.Meter,
            ["remaining"] = step.Meter.Remaining,
            ["relay"] = step.Meter.Relay == Meter.State.RelayState.Closed ? "closed" : $"open ({Names(step.Meter.OpenReasons.ToString())})",
            ["valve"] = step.Meter.Valve is { } valve ? JsonFields.CamelCase(valve.ToString()) : null,
            ["creditState"] = JsonFields.CamelCase(step.Meter.CreditState.ToString()),
            ["purchaseCount"] = step.Meter.PurchaseCount,
        },
        ["checks"] = new JsonArray([.. step.Checks.Select(c => (JsonNode)new JsonObject
        {
            ["what"] = c.What,
            ["expected"] = c.Expected,
            ["actual"] = c.Actual,
            ["passed"] = c.Passed,
        })]),
        ["evidence"] = Evidence(step),
    };

    /// <summary>
    /// What the report shows as the step's evidence, for scripts: each card it touched (images as hex, decoded, the
    /// changed fields named), the account meter's registers, the other meter's it acted on (or null), and its events.
    /// Nothing in it depends on the machine or the wall clock: times are the scenario's.
    /// </summary>
    private static JsonObject Evidence(StepResult step) => new()
    {
        ["cards"] = new JsonArray([.. step.Cards.Select(card => (JsonNode)new JsonObject
        {
            ["card"] = card.Card,
            ["before"] = card.Before,
            ["after"] = card.After,
            ["beforeHex"] = card.BeforeHex,
            ["afterHex"] = card.AfterHex,
            ["changes"] = new JsonArray([.. card.Changes.Select(c => (JsonNode)new JsonObject { ["field"] = c.Field, ["before"] = c.Before, ["after"] = c.After })]),
        })]),
        ["registers"] = Registers(step.Registers),
        ["otherMeter"] = step.OtherMeter.Count == 0 ? null : Registers(step.OtherMeter),
        ["events"] = new JsonArray([.. step.Events.Select(e => (JsonNode)e)]),
    };

    private static JsonObject Registers(IEnumerable<Register> registers) => new([.. registers.Select(r => KeyValuePair.Create(r.Name, (JsonNode?)r.Value))]);
}
