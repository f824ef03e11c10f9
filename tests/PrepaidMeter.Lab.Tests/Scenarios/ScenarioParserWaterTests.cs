using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Lab.Tests.Scenarios;

/// <summary>Scenarios on water and gas models (issue 25 step 5): amounts in m³, flow and part-act steps, the water meter's registers.</summary>
public sealed class ScenarioParserWaterTests
{
    private static string On(string model, string steps) => $$"""{ "name": "t", "model": "{{model}}", "steps": [ {{steps}} ] }""";

    private static IReadOnlyList<string> Errors(string json)
    {
        var result = ScenarioParser.Parse(json, "t.json");
        result.Success.ShouldBeFalse();
        return result.Errors;
    }

    [Fact]
    public void Parse_WaterScenario_ReadsVolumesFlowsActsAndTheWaterRegisters()
    {
        var scenario = ScenarioParser.Parse(On("pm-ref-water", """
            { "do": "openAccount", "volume": "10 m3" },
            { "do": "sell", "volume": 2.5 },
            { "do": "flow", "rate": "1.5m3/h", "leak": "6L/h", "for": "2h" },
            { "do": "flow", "profile": "householdWater", "for": "1d" },
            { "do": "applyMagnet", "expect": { "tamperLatched": ["magnet"], "tamperActive": ["magnet"], "valve": "closing" } },
            { "do": "seizeValve", "expect": { "valveAlarm": false, "valveMotorRuns": 1, "battery": "normal", "batteryMillivolts": 3600, "leaking": false, "cumulativeVolume": "3.25" } }
            """), "t.json").GetScenarioOrThrow();

        scenario.Steps[0].Purchase!.Value.Volume!.Value.Hundredths.ShouldBe(1000);
        scenario.Steps[1].Purchase!.Value.Volume!.Value.Hundredths.ShouldBe(250);
        scenario.Steps[2].Flow!.LitresPerHourAt(scenario.Start).ShouldBe(1500);
        scenario.Steps[2].LeakLitresPerHour.ShouldBe(6);
        scenario.Steps[2].FlowText.ShouldBe("1500 L/h and a 6 L/h leak");
        scenario.Steps[3].FlowText.ShouldBe("household water curve");
        scenario.Steps[4].Kind.ShouldBe(StepKind.ApplyMagnet);
        scenario.Steps[4].Expect.TamperLatched.ShouldBe(TamperFlags.Magnet);
        scenario.Steps[4].Expect.Valve.ShouldBe(ValvePosition.Closing);
        var last = scenario.Steps[5].Expect;
        (last.ValveAlarm, last.ValveMotorRuns, last.Battery, last.BatteryMillivolts, last.Leaking, last.CumulativeVolume)
            .ShouldBe((false, 1, BatteryLevel.Normal, 3600, false, 325L));
    }

    [Fact]
    public void Parse_EnergyOnAWaterModel_RefusedAtParse()
    {
        var error = Errors(On("pm-ref-water", """{ "do": "openAccount", "energy": "10" }""")).ShouldHaveSingleItem();

        error.ShouldBe("t.json, step 1 ('openAccount'): 'energy': pm-ref-water is a water meter counting m³; sell it 'volume' (such as \"10 m3\") or 'money', not 10.00 kWh");
    }

    [Fact]
    public void Parse_VolumeOnAnElectricityModel_RefusedAtParse()
    {
        var error = Errors(On("pm-ref-energy", """{ "do": "openAccount", "volume": "10" }""")).ShouldHaveSingleItem();

        error.ShouldStartWith("t.json, step 1 ('openAccount'): 'volume': pm-ref-energy is an electricity meter counting kWh; sell it 'energy' or 'money'");
    }

    [Fact]
    public void Consume_OnAWaterModel_RefusedAtParse()
    {
        var error = Errors(On("pm-ref-water", """{ "do": "consume", "load": "2kW", "for": "1h" }""")).ShouldHaveSingleItem();

        error.ShouldContain("pm-ref-water is a water meter counting m³: it is advanced under a flow, not a load");
    }

    [Fact]
    public void Flow_OnAnElectricityModel_RefusedAtParse()
    {
        var error = Errors(On("pm-ref-energy", """{ "do": "flow", "rate": "120L/h", "for": "1h" }""")).ShouldHaveSingleItem();

        error.ShouldContain("pm-ref-energy is an electricity meter counting kWh: it is advanced under a load, not a flow");
    }

    [Theory]
    [InlineData("applyMagnet", "tamper watch")]
    [InlineData("changeBattery", "battery")]
    [InlineData("seizeValve", "valve")]
    public void PartAct_OnAnElectricityModel_RefusedAtParse(string act, string part)
    {
        var error = Errors(On("pm-ref-energy", $$"""{ "do": "{{act}}" }""")).ShouldHaveSingleItem();

        error.ShouldStartWith($"t.json, step 1 ('{act}'): model pm-ref-energy has no {part}");
    }

    [Fact]
    public void WaterExpectation_OnAnElectricityModel_RefusedAtParse()
    {
        var error = Errors(On("pm-ref-energy", """{ "do": "advance", "for": "1h", "expect": { "valve": "open" } }""")).ShouldHaveSingleItem();

        error.ShouldBe("t.json, step 1 ('advance'): 'expect': 'valve' names nothing on this meter: pm-ref-energy is an electricity meter counting kWh");
    }

    [Fact]
    public void CumulativeEnergy_OnAWaterModel_RefusedAtParse()
    {
        var error = Errors(On("pm-ref-water", """{ "do": "advance", "for": "1h", "expect": { "cumulativeEnergy": "0" } }""")).ShouldHaveSingleItem();

        error.ShouldContain("'cumulativeEnergy' names nothing on this meter: pm-ref-water is a water meter counting m³");
    }

    [Fact]
    public void Flow_WithoutRateOrProfile_SaysWhatItTakes()
    {
        var error = Errors(On("pm-ref-water", """{ "do": "flow", "for": "1h" }""")).ShouldHaveSingleItem();

        error.ShouldBe("t.json, step 1 ('flow'): give one of 'rate' (such as 120L/h or 1.5m3/h) or 'profile' (householdWater, householdGas)");
    }

    [Fact]
    public void Flow_UnknownProfile_NamesTheShippedOnes()
    {
        var error = Errors(On("pm-ref-gas", """{ "do": "flow", "profile": "household", "for": "1h" }""")).ShouldHaveSingleItem();

        error.ShouldContain("the ones shipped are householdWater and householdGas");
    }
}
