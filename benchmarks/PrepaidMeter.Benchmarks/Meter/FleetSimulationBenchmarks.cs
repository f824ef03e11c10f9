using BenchmarkDotNet.Attributes;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Benchmarks.Meter;

/// <summary>
/// Fleet simulation: meters under a household daily curve (five load edges a day), a purchase card
/// inserted every week, for a year. One operation is one meter-year (365 meter-days), so
/// meter-days per second = 365 / mean. Target (issue 3): ≥ 1,000,000 meter-days per second on one core.
/// </summary>
public class FleetSimulationBenchmarks
{
    private static readonly DailyCurve Household = DailyCurve.Household();
    private readonly CardLayout _layout = CardLayouts.ReferenceV1;
    private byte[][] _weeklyCards = [];
    private byte[] _setCard = [];

    [GlobalSetup]
    public void Setup()
    {
        var set = new CardRecord { Kind = CardKind.Set, Layout = _layout.Id, SupplyGroup = SupplyGroupCode.From(100001), Parameters = MeterModels.ReferenceEnergy.Defaults };
        _layout.Encode(set, Some.Keys, out _setCard).ThrowIfRefused();
        // A week of the household curve is about 80 kWh; 90 kWh a week keeps it supplied.
        _weeklyCards = [.. Enumerable.Range(1, 53).Select(week =>
        {
            _layout.Encode(Some.UserCard(_layout.Id, (uint)week, 90m), Some.Keys, out var image).ThrowIfRefused();
            return image;
        })];
    }

    [Benchmark]
    public long OneMeterYear()
    {
        var meter = VirtualMeter.Create(MeterModels.ReferenceEnergy, MeterNumber.From(12345678), SupplyGroupCode.From(100001), Some.Keys, TimeProvider.System);
        meter.InsertCard((byte[])_setCard.Clone());
        for (var week = 0; week < 52; week++)
        {
            meter.InsertCard((byte[])_weeklyCards[week].Clone());
            meter.Advance(TimeSpan.FromDays(7), Household);
        }

        meter.Advance(TimeSpan.FromDays(1), Household);
        return meter.Snapshot().CumulativeEnergy.Hundredths;
    }
}
