using System.Text.Json.Nodes;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests.Models;

public sealed class MeterModelLoaderTests
{
    private static JsonObject Shipped(string id) => JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("models", id + ".json")))!.AsObject();

    private static IReadOnlyList<string> Errors(JsonObject model)
    {
        var result = MeterModelLoader.Load(model.ToJsonString(), "model.json");
        result.Success.ShouldBeFalse();
        return result.Errors;
    }

    [Fact]
    public void ShippedModels_Load()
    {
        MeterModels.All.Select(m => m.Id).ShouldBe(["legacy-money", "pm-dual-energy", "pm-ref-energy", "pm-ref-full", "pm-ref-gas", "pm-ref-money-tou", "pm-ref-water", "pm-sts-energy"]);
        MeterModels.Get("pm-ref-money-tou").Tariff.ShouldBeOfType<Core.Pricing.TimeOfUseTariff>();
        MeterModels.ReferenceEnergy.CreditUnit.ShouldBe(CreditUnit.Energy);
        MeterModels.LegacyMoney.Tariff.ShouldBeOfType<Core.Pricing.TieredTariff>();
        MeterModels.LegacyMoney.Layouts.Single().Id.ShouldBe("legacy-bcd-v1");
        MeterModels.ReferenceWater.Utility.ShouldBe(Utility.Water);
        MeterModels.ReferenceGas.Utility.ShouldBe(Utility.Gas);
    }

    [Fact]
    public void UnknownSetting_IsRefusedByName()
    {
        var model = Shipped("pm-ref-energy");
        model["turboMode"] = true;
        Errors(model).ShouldContain(e => e.Contains("turboMode"));
    }

    [Fact]
    public void MoneyMeterWithoutTariff_IsContradictory()
    {
        var model = Shipped("legacy-money");
        model.Remove("tariff");
        Errors(model).ShouldContain(e => e.Contains("tariff is required"));
    }

    [Fact]
    public void EnergyMeterWithTariff_IsContradictory()
    {
        var model = Shipped("pm-ref-energy");
        model["tariff"] = JsonNode.Parse("""{"kind":"flat","price":"0.5"}""");
        Errors(model).ShouldContain(e => e.Contains("energy-unit meter counts kWh and holds no tariff"));
    }

    [Fact]
    public void OverdraftLimitWithoutOverdraft_IsContradictory()
    {
        var model = Shipped("pm-ref-energy");
        model["overdraftAllowed"] = false;
        Errors(model).ShouldContain(e => e.Contains("overdraftAllowed is false"));
    }

    [Fact]
    public void Alarm2AboveAlarm1_IsRefused()
    {
        var model = Shipped("pm-ref-energy");
        model["defaults"]!["alarm2"] = "50.00";
        Errors(model).ShouldContain(e => e.Contains("alarm2 (50.00 kWh) is above alarm1"));
    }

    [Fact]
    public void UnknownLayout_IsRefused()
    {
        var model = Shipped("pm-ref-energy");
        model["layouts"] = new JsonArray("pm-ref-v7");
        Errors(model).ShouldContain(e => e.Contains("layouts: 'pm-ref-v7'"));
    }

    [Fact]
    public void TimeRuleSettings_AreValidated_NamingTheSetting()
    {
        var model = Shipped("pm-ref-full");
        model["powerLimit"]!["lockoutAfter"] = 0;
        model["malignantLoad"]!["minPowerFactor"] = "1.5";
        model["scheduledTrips"]![0]!["to"] = "25:00";
        model["friendlyPeriods"]!["holidays"]![0] = "Christmas";
        var errors = Errors(model);
        errors.ShouldContain(e => e.Contains("powerLimit:"));
        errors.ShouldContain(e => e.Contains("malignantLoad:"));
        errors.ShouldContain(e => e.Contains("scheduledTrips[0]:"));
        errors.ShouldContain(e => e.Contains("friendlyPeriods.holidays: 'Christmas'"));
    }

    [Fact]
    public void TiersNotRising_AreRefused()
    {
        var model = Shipped("legacy-money");
        model["tariff"]!["blocks"]![1]!["upTo"] = "100";
        Errors(model).ShouldContain(e => e.StartsWith("model.json: tariff.blocks:", StringComparison.Ordinal));
    }

    [Fact]
    public void ModelFileWithAByteOrderMark_Loads_AndItsSha256IsTheFilesBytes()
    {
        using var folder = new TempFolder();
        var path = folder.File("m.json");
        File.WriteAllText(path, Shipped("pm-ref-energy").ToJsonString(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var model = MeterModels.Resolve(path).GetModelOrThrow();

        model.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));
    }
}
