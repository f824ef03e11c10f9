using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests.Models;

/// <summary>MeterModelLoader on what a model says about its supply: the utility, the switch, and the water and gas rules.</summary>
public sealed class MeterModelSupplyTests
{
    private static JsonObject Shipped(string id) => JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("models", id + ".json")))!.AsObject();

    private static JsonObject Water() => Shipped("pm-ref-water");

    private static JsonObject Energy() => Shipped("pm-ref-energy");

    private static MeterModel Loaded(JsonObject model)
    {
        var result = MeterModelLoader.Load(model.ToJsonString(), "model.json");
        result.Errors.ShouldBeEmpty();
        return result.Model!;
    }

    private static IReadOnlyList<string> Errors(JsonObject model)
    {
        var result = MeterModelLoader.Load(model.ToJsonString(), "model.json");
        result.Success.ShouldBeFalse();
        return result.Errors;
    }

    private static void ShouldBeRefusedWith(JsonObject model, string message) =>
        Errors(model).ShouldContain(e => e.StartsWith("model.json: ", StringComparison.Ordinal) && e.Contains(message, StringComparison.Ordinal));

    [Fact]
    public void Load_ModelWithoutUtility_IsAnElectricityMeterWithARelayAndNoWaterRules()
    {
        var model = MeterModels.ReferenceEnergy;

        model.Utility.ShouldBe(Utility.Electricity);
        model.SupplySwitch.ShouldBe(SupplySwitch.Relay);
        model.Valve.ShouldBeNull();
        model.Leak.ShouldBeNull();
        model.Battery.ShouldBeNull();
        model.Tamper.ShouldBeNull();
    }

    [Fact]
    public void Load_ReferenceWater_HasEveryRuleItsFileWrites()
    {
        var model = MeterModels.ReferenceWater;

        model.Utility.ShouldBe(Utility.Water);
        model.CreditUnit.ShouldBe(CreditUnit.Volume);
        model.SupplySwitch.ShouldBe(SupplySwitch.Valve);
        model.Valve.ShouldBe(ValveRule.Reference);
        model.Leak.ShouldNotBeNull();
        model.Leak.MinimumLitresPerHour.ShouldBe(5);
        model.Leak.ContinuousFor.ShouldBe(TimeSpan.FromDays(1));
        model.Battery.ShouldBe(BatteryRule.LithiumCell);
        model.Tamper.ShouldBe(new TamperRule(hasCaseSwitch: true, clearsAfterQuiet: null));
    }

    [Fact]
    public void Load_ReferenceGas_HasAValveABatteryAndAMagnetWatchWithoutACaseSwitch()
    {
        var model = MeterModels.ReferenceGas;

        model.Utility.ShouldBe(Utility.Gas);
        model.CreditUnit.ShouldBe(CreditUnit.Volume);
        model.SupplySwitch.ShouldBe(SupplySwitch.Valve);
        model.Valve.ShouldBe(ValveRule.Reference);
        model.Leak.ShouldNotBeNull();
        model.Battery.ShouldBe(BatteryRule.LithiumCell);
        model.Tamper.ShouldBe(new TamperRule(hasCaseSwitch: false, clearsAfterQuiet: null));
        model.OverdraftAllowed.ShouldBeFalse();
    }

    [Fact]
    public void Load_VolumeModel_EveryAmountIsAVolume()
    {
        var model = MeterModels.ReferenceWater;

        model.PresetCredit.ShouldBe(CreditAmount.Of(Volume.FromHundredths(500)));
        model.EmergencyCredit.Unit.ShouldBe(CreditUnit.Volume);
        model.Defaults.Alarm1.ShouldBe(CreditAmount.Of(Volume.FromHundredths(500)));
        model.Defaults.Alarm2.ShouldBe(CreditAmount.Of(Volume.FromHundredths(200)));
        model.Defaults.OverdraftLimit.ShouldBe(CreditAmount.Of(Volume.FromHundredths(100)));
        model.Defaults.PurchaseLimit.ShouldBe(CreditAmount.Of(Volume.FromHundredths(9900)));
        model.Defaults.PowerLimitWatts.ShouldBe(0u);
    }

    [Fact]
    public void Load_VolumeModelAlarm2AboveAlarm1_TellsTheAmountsInCubicMetres()
    {
        var model = Water();
        model["defaults"]!["alarm2"] = "8.00";

        ShouldBeRefusedWith(model, "alarm2 (8.00 m³) is above alarm1 (5.00 m³)");
    }

    [Fact]
    public void Load_UnknownUtility_IsRefusedNamingUtility()
    {
        var model = Water();
        model["utility"] = "steam";

        ShouldBeRefusedWith(model, "utility 'steam' must be 'electricity', 'water' or 'gas'");
    }

    [Fact]
    public void Load_UnknownCreditUnit_IsRefusedNamingTheThreeUnits()
    {
        var model = Water();
        model["creditUnit"] = "litres";

        ShouldBeRefusedWith(model, "creditUnit 'litres' must be 'energy', 'money' or 'volume'");
    }

    [Fact]
    public void Load_VolumeOnElectricityMeter_IsRefusedNamingCreditUnit()
    {
        var model = Energy();
        model["creditUnit"] = "volume";

        ShouldBeRefusedWith(model, "creditUnit 'volume' on an electricity meter");
    }

    [Fact]
    public void Load_EnergyOnWaterMeter_IsRefusedNamingCreditUnit()
    {
        var model = Water();
        model["creditUnit"] = "energy";

        ShouldBeRefusedWith(model, "creditUnit 'energy' on a water meter: a water meter counts volume (m³), not kWh: contradictory");
    }

    [Fact]
    public void Load_MoneyOnGasMeter_IsRefusedAsNotImplementedYet_WithoutAskingForATariff()
    {
        var model = Shipped("pm-ref-gas");
        model["creditUnit"] = "money";

        var errors = Errors(model);

        errors.ShouldContain(e => e.Contains("creditUnit 'money' on a gas meter is not implemented yet: the meter's tariff prices kWh"));
        errors.ShouldNotContain(e => e.Contains("tariff is required"));
    }

    [Fact]
    public void Load_TariffOnVolumeMeter_IsRefusedNamingTariff()
    {
        var model = Water();
        model["tariff"] = JsonNode.Parse("""{"kind":"flat","price":"0.5"}""");

        ShouldBeRefusedWith(model, "tariff: a volume-unit meter counts m³ and holds no tariff: contradictory");
    }

    [Fact]
    public void Load_ValveOnElectricityMeter_IsRefusedNamingSupplySwitch()
    {
        var model = Energy();
        model["supplySwitch"] = "valve";

        ShouldBeRefusedWith(model, "supplySwitch 'valve' on an electricity meter is not implemented");
    }

    [Fact]
    public void Load_RelayOnWaterMeter_IsRefusedNamingSupplySwitch()
    {
        var model = Water();
        model["supplySwitch"] = "relay";
        model.Remove("valve");

        ShouldBeRefusedWith(model, "supplySwitch 'relay' on a water meter: a water meter cuts the supply with a valve: contradictory");
    }

    [Fact]
    public void Load_UnknownSupplySwitch_IsRefusedNamingSupplySwitch()
    {
        var model = Water();
        model["supplySwitch"] = "tap";

        ShouldBeRefusedWith(model, "supplySwitch 'tap' must be 'relay' or 'valve'");
    }

    [Fact]
    public void Load_WaterMeterWithoutSupplySwitch_TakesAValve()
    {
        var model = Water();
        model.Remove("supplySwitch");

        Loaded(model).SupplySwitch.ShouldBe(SupplySwitch.Valve);
    }

    [Fact]
    public void Load_ElectricityMeterNamingItsUtilityAndRelay_LoadsAsWithout()
    {
        var model = Energy();
        model["utility"] = "electricity";
        model["supplySwitch"] = "relay";

        var loaded = Loaded(model);

        loaded.Utility.ShouldBe(Utility.Electricity);
        loaded.SupplySwitch.ShouldBe(SupplySwitch.Relay);
    }

    [Fact]
    public void Load_ValveMeterWithoutValveRule_IsRefusedNamingValve()
    {
        var model = Water();
        model.Remove("valve");

        ShouldBeRefusedWith(model, "valve is required");
    }

    [Fact]
    public void Load_ValveRuleOnRelayMeter_IsRefusedNamingValve()
    {
        var model = Energy();
        model["valve"] = Water()["valve"]!.DeepClone();

        ShouldBeRefusedWith(model, "valve: an electricity meter cuts the supply with a relay and has no valve: contradictory");
    }

    [Fact]
    public void Load_ValveRuleOnWaterMeterWithARelay_IsRefusedNamingValveAndSupplySwitch()
    {
        var model = Water();
        model["supplySwitch"] = "relay";

        var errors = Errors(model);

        errors.ShouldContain(e => e.Contains("valve: a water meter whose supplySwitch is 'relay' has no valve: contradictory"));
        errors.ShouldContain(e => e.Contains("supplySwitch 'relay' on a water meter"));
    }

    [Fact]
    public void Load_ValveNeverExercised_HasNoExerciseIntervalAndNoCut()
    {
        var model = Water();
        model["valve"]!.AsObject().Remove("exerciseIntervalDays");
        model["valve"]!.AsObject().Remove("longestExerciseCutSeconds");

        var valve = Loaded(model).Valve!;

        valve.ExerciseInterval.ShouldBeNull();
        valve.LongestExerciseCut.ShouldBe(TimeSpan.Zero);
    }

    public static TheoryData<string, string, string> ValveMistakes() => new()
    {
        { "travelSeconds", "0", "valve.travelSeconds 0 must be 1 to 600" },
        { "travelSeconds", "601", "valve.travelSeconds 601 must be 1 to 600" },
        { "travelSeconds", "-", "valve.travelSeconds is required" },
        { "retries", "-1", "valve.retries -1 must be 0 to 100" },
        { "retries", "101", "valve.retries 101 must be 0 to 100" },
        { "retryIntervalSeconds", "0", "valve.retryIntervalSeconds 0 must be 1 to 86400" },
        { "exerciseIntervalDays", "0", "valve.exerciseIntervalDays 0 must be 1 to 365" },
        { "exerciseIntervalDays", "366", "valve.exerciseIntervalDays 366 must be 1 to 365" },
        { "longestExerciseCutSeconds", "19", "valve.longestExerciseCutSeconds 19 must be at least twice travelSeconds (20) and at most 3600: an exercise closes and reopens the valve" },
        { "longestExerciseCutSeconds", "3601", "valve.longestExerciseCutSeconds 3601 must be" },
        { "longestExerciseCutSeconds", "-", "valve.longestExerciseCutSeconds is required" },
        { "exerciseIntervalDays", "-", "valve.longestExerciseCutSeconds without exerciseIntervalDays" },
    };

    /// <summary>Every bound <see cref="ValveRule"/>'s constructor holds is told by the loader first, naming the setting.</summary>
    [Theory]
    [MemberData(nameof(ValveMistakes))]
    public void Load_ValveSettingOutOfBounds_IsRefusedNamingTheSettingAndTheBound(string member, string value, string message)
    {
        var model = Water();
        Set(model["valve"]!.AsObject(), member, value);

        ShouldBeRefusedWith(model, message);
    }

    public static TheoryData<string, string, string> LeakMistakes() => new()
    {
        { "minimumLitresPerHour", "0", "leak.minimumLitresPerHour 0 must be 1 to 1000000" },
        { "minimumLitresPerHour", "1000001", "leak.minimumLitresPerHour 1000001 must be 1 to 1000000" },
        { "continuousSeconds", "59", "leak.continuousSeconds 59 must be 60 to 2592000" },
        { "continuousSeconds", "2592001", "leak.continuousSeconds 2592001 must be 60 to 2592000" },
        { "continuousSeconds", "-", "leak.continuousSeconds is required" },
    };

    [Theory]
    [MemberData(nameof(LeakMistakes))]
    public void Load_LeakSettingOutOfBounds_IsRefusedNamingTheSettingAndTheBound(string member, string value, string message)
    {
        var model = Water();
        Set(model["leak"]!.AsObject(), member, value);

        ShouldBeRefusedWith(model, message);
    }

    [Fact]
    public void Load_WaterMeterWithoutLeakRule_WatchesForNone()
    {
        var model = Water();
        model.Remove("leak");

        Loaded(model).Leak.ShouldBeNull();
    }

    public static TheoryData<string, string, string> BatteryMistakes() => new()
    {
        { "criticalMillivolts", "0", "battery.criticalMillivolts 0 must be 1 to 99998" },
        { "lowMillivolts", "3000", "battery.lowMillivolts 3000 must be above criticalMillivolts (3000)" },
        { "freshMillivolts", "3200", "battery.freshMillivolts 3200 must be above lowMillivolts (3200)" },
        { "freshMillivolts", "100001", "battery.freshMillivolts 100001 must be above lowMillivolts (3200) and at most 100000 (100 V)" },
        { "microvoltsPerDay", "-1", "battery.microvoltsPerDay -1 must be from 0 to the fresh voltage in microvolts (3600000)" },
        { "microvoltsPerDay", "3600001", "battery.microvoltsPerDay 3600001 must be from 0 to the fresh voltage in microvolts (3600000)" },
        { "microvoltsPerMotorRun", "3600001", "battery.microvoltsPerMotorRun 3600001 must be from 0 to the fresh voltage" },
        { "lowMillivolts", "-", "battery.lowMillivolts is required" },
    };

    /// <summary>Every bound <see cref="BatteryRule"/>'s constructor holds is told by the loader first, naming the setting.</summary>
    [Theory]
    [MemberData(nameof(BatteryMistakes))]
    public void Load_BatterySettingOutOfBounds_IsRefusedNamingTheSettingAndTheBound(string member, string value, string message)
    {
        var model = Water();
        Set(model["battery"]!.AsObject(), member, value);

        ShouldBeRefusedWith(model, message);
    }

    [Fact]
    public void Load_WaterMeterWithoutBattery_IsMainsPowered()
    {
        var model = Water();
        model.Remove("battery");

        Loaded(model).Battery.ShouldBeNull();
    }

    [Fact]
    public void Load_TamperWithQuietPeriod_ClearsAfterIt()
    {
        var model = Water();
        model["tamper"]!["clearsAfterQuietSeconds"] = 3600;

        Loaded(model).Tamper!.ClearsAfterQuiet.ShouldBe(TimeSpan.FromHours(1));
    }

    [Theory]
    [InlineData("clearsAfterQuietSeconds", "59", "tamper.clearsAfterQuietSeconds 59 must be 60 to 2592000")]
    [InlineData("clearsAfterQuietSeconds", "2592001", "tamper.clearsAfterQuietSeconds 2592001 must be 60 to 2592000")]
    [InlineData("caseSwitch", "-", "tamper.caseSwitch is required")]
    public void Load_TamperSettingOutOfBounds_IsRefusedNamingTheSetting(string member, string value, string message)
    {
        var model = Water();
        Set(model["tamper"]!.AsObject(), member, value);

        ShouldBeRefusedWith(model, message);
    }

    [Theory]
    [InlineData("leak", "leak: leak detection watches a flow of water or gas; an electricity meter has none")]
    [InlineData("battery", "battery: a battery-powered meter is a water or gas meter")]
    [InlineData("tamper", "tamper: the tamper latch watches for a magnet at the flow sensor")]
    public void Load_WaterRuleOnElectricityMeter_IsRefusedNamingTheRule(string rule, string message)
    {
        var model = Energy();
        model[rule] = Water()[rule]!.DeepClone();

        ShouldBeRefusedWith(model, message);
    }

    [Fact]
    public void Load_PowerLimitOnWaterMeter_IsRefusedNamingPowerLimit()
    {
        var model = Water();
        model["powerLimit"] = Shipped("pm-ref-full")["powerLimit"]!.DeepClone();

        ShouldBeRefusedWith(model, "powerLimit: a water meter draws no power to limit");
    }

    [Fact]
    public void Load_MalignantLoadOnGasMeter_IsRefusedNamingMalignantLoad()
    {
        var model = Shipped("pm-ref-gas");
        model["malignantLoad"] = Shipped("pm-ref-full")["malignantLoad"]!.DeepClone();

        ShouldBeRefusedWith(model, "malignantLoad: a gas meter has no electrical load to judge");
    }

    [Fact]
    public void Load_PowerLimitWattsOnWaterMeter_IsRefusedNamingTheDefault()
    {
        var model = Water();
        model["defaults"]!["powerLimitWatts"] = 5000;

        ShouldBeRefusedWith(model, "defaults.powerLimitWatts 5000 must be 0 on a water meter");
    }

    /// <summary>
    /// Whatever numbers a file gives the valve and the battery, the loader answers with a model or with messages: the
    /// bounds it checks are exactly those the rules' constructors hold, so none of them throws.
    /// </summary>
    [Fact]
    public void Load_AnyValveAndBatteryNumbers_LoadsOrRefusesButNeverThrows()
    {
        var edges = Gen.Elements(-1, 0, 1, 2, 19, 20, 60, 365, 366, 600, 601, 3000, 3200, 3600, 3601, 86_400, 99_998, 100_000, 100_001, 3_600_000, int.MaxValue);
        var number = Gen.OneOf(edges, Gen.Choose(-10, 200_000));
        Prop.ForAll(number.ArrayOf(10).ToArbitrary(), n =>
        {
            var model = Water();
            model["valve"] = new JsonObject
            {
                ["travelSeconds"] = n[0], ["retries"] = n[1], ["retryIntervalSeconds"] = n[2], ["exerciseIntervalDays"] = n[3], ["longestExerciseCutSeconds"] = n[4],
            };
            model["battery"] = new JsonObject
            {
                ["freshMillivolts"] = n[5], ["lowMillivolts"] = n[6], ["criticalMillivolts"] = n[7], ["microvoltsPerDay"] = n[8], ["microvoltsPerMotorRun"] = n[9],
            };

            var result = MeterModelLoader.Load(model.ToJsonString(), "model.json");

            return result.Success != result.Errors.Count > 0;
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>Sets a member to a JSON value, or removes it for "-".</summary>
    private static void Set(JsonObject block, string member, string value)
    {
        if (value == "-")
        {
            block.Remove(member);
        }
        else
        {
            block[member] = JsonNode.Parse(value);
        }
    }
}
