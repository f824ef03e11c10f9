using BenchmarkDotNet.Attributes;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Benchmarks.Meter;

/// <summary>
/// Fleet simulation: a meter-year under a household daily curve with a purchase card every week.
/// One operation is one meter-year (365 meter-days), so meter-days per second = 365 / mean; a fleet of
/// 10,000 meters is 10,000 operations on one core. The target and the figures are in docs/performance.md.
/// <para>
/// The household draws 22.3 kWh a day (200 W at night, 1.5 kW from 06:30, 600 W from 09:00, 2.5 kW from
/// 18:00, 400 W from 22:30). <see cref="SuppliedTimeOfUseYear"/> is the main scenario: a money meter with
/// its peak / flat / valley tariff inside (tariff edges at 07:00, 18:00 and 23:00 on top of the five load
/// edges), and a weekly purchase of 120.00 against about 112.60 of consumption, so the household stays
/// supplied. <see cref="RunDownEnergyYear"/> is the stress case: an energy meter bought 90 kWh a week
/// against 156 kWh of demand, so every week goes through alarm 1, alarm 2 (the relay trips) and the
/// card that restores it — five state-machine transitions a week instead of almost none.
/// </para>
/// <para>
/// Water (issue 25): <see cref="SuppliedWaterYear"/> is the pm-ref-water meter — valve, battery, tamper watch, leak watch —
/// under the household water curve (415 L a day in seven steps) with 3.00 m³ bought a week against 2.905 m³ drawn;
/// the valve is exercised every 30 days. Its yardstick is <see cref="SuppliedEnergyYear"/>, the energy meter bought
/// 160 kWh a week against 156 kWh of demand: both count credit in their unit, without a tariff, and stay supplied.
/// The water curve changes eight times a day, the electricity curve five, and the meter steps from change to change;
/// <see cref="SuppliedWaterYearOnTheEnergyCurvesSteps"/> draws water on the electricity curve's five steps (the same
/// hours, 416 L a day) to tell the cost of a step from the number of steps.
/// </para>
/// </summary>
public class FleetSimulationBenchmarks
{
    private static readonly DailyCurve Household = DailyCurve.Household();
    private static readonly DailyFlowCurve HouseholdWater = DailyFlowCurve.HouseholdWater();
    private static readonly DailyFlowCurve WaterOnFiveSteps = new([
        (new TimeOnly(0, 0), 4), (new TimeOnly(6, 30), 60), (new TimeOnly(9, 0), 10), (new TimeOnly(18, 0), 30), (new TimeOnly(22, 30), 10),
    ]);
    private readonly MeterModel _water = MeterModels.Get("pm-ref-water");
    private byte[] _waterSet = [];
    private byte[][] _waterWeeks = [];
    private byte[][] _suppliedEnergyWeeks = [];
    private static readonly SupplyGroupCode Group = SupplyGroupCode.From(100001);
    private readonly CardLayout _layout = CardLayouts.ReferenceV1;
    private readonly MeterModel _timeOfUse = MeterModels.Get("pm-ref-money-tou");
    private readonly MeterModel _energy = MeterModels.ReferenceEnergy;
    private byte[] _timeOfUseSet = [];
    private byte[][] _timeOfUseWeeks = [];
    private byte[] _energySet = [];
    private byte[][] _energyWeeks = [];

    [GlobalSetup]
    public void Setup()
    {
        _timeOfUseSet = SetCard(_timeOfUse);
        _timeOfUseWeeks = WeeklyCards(CreditUnit.Money, Money.FromHundredths(12_000).Hundredths);
        _energySet = SetCard(_energy);
        _energyWeeks = WeeklyCards(CreditUnit.Energy, Energy.FromKilowattHours(90m).Hundredths);
        _suppliedEnergyWeeks = WeeklyCards(CreditUnit.Energy, Energy.FromKilowattHours(160m).Hundredths);
        _waterSet = SetCard(_water);
        _waterWeeks = WeeklyCards(CreditUnit.Volume, Volume.FromCubicMetres(3.00m).Hundredths);
    }

    [Benchmark(Baseline = true)]
    public long SuppliedTimeOfUseYear() => OneYear(_timeOfUse, _timeOfUseSet, _timeOfUseWeeks);

    [Benchmark]
    public long RunDownEnergyYear() => OneYear(_energy, _energySet, _energyWeeks);

    [Benchmark]
    public long SuppliedEnergyYear() => OneYear(_energy, _energySet, _suppliedEnergyWeeks);

    [Benchmark]
    public long SuppliedWaterYear() => WaterYear(HouseholdWater);

    [Benchmark]
    public long SuppliedWaterYearOnTheEnergyCurvesSteps() => WaterYear(WaterOnFiveSteps);

    private long WaterYear(FlowProfile curve) =>
        OneYear(_water, _waterSet, _waterWeeks, (meter, days) => meter.Advance(days, curve), meter => meter.Snapshot().Flow!.CumulativeVolume.Hundredths);

    private static long OneYear(MeterModel model, byte[] setCard, byte[][] weeks) =>
        OneYear(model, setCard, weeks, (meter, days) => meter.Advance(days, Household), meter => meter.Snapshot().CumulativeEnergy.Hundredths);

    /// <summary>A meter-year: the set card, then each week its purchase and seven days drawn; a day more; what it counted.</summary>
    private static long OneYear(MeterModel model, byte[] setCard, byte[][] weeks, Action<VirtualMeter, TimeSpan> draw, Func<VirtualMeter, long> counted)
    {
        var meter = VirtualMeter.Create(model, MeterNumber.From(12345678), Group, Some.Keys, TimeProvider.System);
        meter.InsertCard((byte[])setCard.Clone());
        for (var week = 0; week < 52; week++)
        {
            meter.InsertCard((byte[])weeks[week].Clone());
            draw(meter, TimeSpan.FromDays(7));
        }

        draw(meter, TimeSpan.FromDays(1));
        return counted(meter);
    }

    private byte[] SetCard(MeterModel model)
    {
        var set = new CardRecord { Kind = CardKind.Set, Layout = _layout.Id, SupplyGroup = Group, CreditUnit = model.CreditUnit, Parameters = model.Defaults };
        _layout.Encode(set, Some.Keys, out var image).ThrowIfRefused();
        return image;
    }

    private byte[][] WeeklyCards(CreditUnit unit, long purchaseHundredths) => [.. Enumerable.Range(1, 53).Select(week =>
    {
        var card = Some.UserCard(_layout.Id, (uint)week) with { CreditUnit = unit, Purchase = new(unit, purchaseHundredths) };
        _layout.Encode(card, Some.Keys, out var image).ThrowIfRefused();
        return image;
    })];
}
