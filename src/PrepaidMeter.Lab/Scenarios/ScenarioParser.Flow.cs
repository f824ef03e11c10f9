using PrepaidMeter.Meter.Flow;

namespace PrepaidMeter.Lab.Scenarios;

public static partial class ScenarioParser
{
    /// <summary>A flow step's flow: a constant rate or a shipped daily curve, and an optional leak beside it.</summary>
    private static ScenarioStep ReadFlow(JsonFields fields, ScenarioStep step)
    {
        var rate = fields.Text("rate");
        var profile = fields.Text("profile");
        var leakText = fields.Text("leak");
        int? leak = null;
        if (leakText is not null)
        {
            if (FlowProfile.TryParseFlow(leakText, out var litres) is { } leakProblem)
            {
                fields.Error($"'leak': {leakProblem}");
            }
            else if (litres == 0)
            {
                fields.Error("'leak': a leak of no flow is no leak; leave it out");
            }
            else
            {
                leak = litres;
            }
        }

        if ((rate is null) == (profile is null))
        {
            fields.Error("give one of 'rate' (such as 120L/h or 1.5m3/h) or 'profile' (householdWater, householdGas)");
            return step;
        }

        var leakNote = leak is { } l ? $" and a {l} L/h leak" : "";
        if (profile is not null)
        {
            (FlowProfile Flow, string Text)? curve = profile switch
            {
                "householdWater" => (DailyFlowCurve.HouseholdWater(), "household water curve"),
                "householdGas" => (DailyFlowCurve.HouseholdGas(), "household gas curve"),
                _ => null,
            };
            if (curve is not { } shipped)
            {
                fields.Error($"'profile': '{profile}' is not a shipped flow profile; the ones shipped are householdWater and householdGas");
                return step;
            }

            return step with { Flow = shipped.Flow, FlowText = shipped.Text + leakNote, LeakLitresPerHour = leak };
        }

        if (FlowProfile.TryParseFlow(rate!, out var litresPerHour) is { } problem)
        {
            fields.Error($"'rate': {problem}");
            return step;
        }

        return step with { Flow = FlowProfile.Constant(litresPerHour), FlowText = $"{litresPerHour} L/h" + leakNote, LeakLitresPerHour = leak };
    }
}
