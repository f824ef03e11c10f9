using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests;

/// <summary>Water meters built in code for the rules' tests: the reference water model with the part under test changed.</summary>
internal static class WaterMeter
{
    /// <summary>
    /// 5.00 m³ preset, alarm 1 at 5.00, alarm 2 at 2.00 (trips), 1.00 m³ overdraft; the reference valve (10 s travel, three
    /// retries a minute apart, exercised every 30 days), a 5 L/h-for-24-h leak rule, a lithium cell, a case switch.
    /// </summary>
    public static MeterModel Model { get; } = MeterModels.ReferenceEnergy with
    {
        Id = "test-water",
        SourceText = "",
        Utility = Utility.Water,
        CreditUnit = CreditUnit.Volume,
        SupplySwitch = SupplySwitch.Valve,
        Valve = ValveRule.Reference,
        Leak = new LeakRule(5, TimeSpan.FromHours(24)),
        Battery = BatteryRule.LithiumCell,
        Tamper = new TamperRule(hasCaseSwitch: true, clearsAfterQuiet: null),
        PresetCredit = M3(500),
        EmergencyCredit = M3(0),
        OverdraftAllowed = true,
        Alarm2Trips = true,
        Defaults = new MeterParameters(M3(500), M3(200), M3(100), M3(9_900), 0),
    };

    public static CreditAmount M3(long hundredths) => new(CreditUnit.Volume, hundredths);

    public static VirtualMeter New(MeterModel? model = null) =>
        VirtualMeter.Create(model ?? Model, MeterHarness.Number, MeterHarness.Group, Some.Keys, new FakeTimeProvider(Some.Moment));

    public static FlowSideSnapshot Parts(this VirtualMeter meter) => meter.Snapshot().Flow.ShouldNotBeNull();
}
