using PrepaidMeter.Core;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Reports;

/// <summary>
/// Water loss from what real cards bring back: the water meter's return-write carries its cumulative register, which
/// on a water meter is m³; the counter records it as the meter's reading and the water-loss report sets it against the
/// line's water main (docs/water-gas.md S-rules, docs/reports.md "Reports by utility").
/// </summary>
public sealed class WaterLossFromCardsTests
{
    [Theory, BothStores]
    public async Task WaterLoss_ReadingsFromReturnWrites_AgainstTheLinesMain(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Volume, price: """{"kind":"flat","price":"3.5000"}""");
        var start = counter.Time.GetUtcNow();
        var (_, card) = counter.OpenAccount(Counter.M3(20m));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);
        (await counter.Sell(Counter.M3(1m))).Success.ShouldBeTrue(); // the counter reads the return-write: 0.00 m³ at the start

        // Ten days at 20 L/h: 4.80 m³ asked of the meter; it counts what passed its open valve, in whole hundredths.
        counter.MeterOf(Counter.MeterA).Advance(TimeSpan.FromDays(10), FlowProfile.Constant(20));
        var measured = counter.MeterOf(Counter.MeterA).Snapshot().Flow!.CumulativeVolume;
        measured.ShouldBeInRange(Volume.FromCubicMetres(4.79m), Volume.FromCubicMetres(4.80m));
        counter.Time.Advance(TimeSpan.FromDays(10));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);
        (await counter.Sell(Counter.M3(1m))).Success.ShouldBeTrue();

        var main = counter.Office.Branches.Add(counter.Admin, BranchKind.Line, "L1", "MAIN-L1", Utility.Water).Value;
        main.Utility.ShouldBe(Utility.Water);
        counter.Office.Branches.Record(counter.Admin, "MAIN-L1", start, Volume.FromCubicMetres(100m)).Success.ShouldBeTrue();
        counter.Office.Branches.Record(counter.Admin, "MAIN-L1", start.AddDays(10), Volume.FromCubicMetres(105.30m)).Success.ShouldBeTrue();

        var report = counter.Office.Reports.LineLoss(counter.Admin, BranchKind.Line, start, start.AddDays(10), TimeSpan.FromHours(1), new ReportFilter { Utility = Utility.Water }).Value;

        // The loss is what entered the line less what its one water meter recorded, its rate a percentage of what entered.
        report.Rows.Select(r => string.Join(" | ", r.Select((c, i) => c.Format(report.Columns[i].Kind))))
            .ShouldBe([$"L1 | MAIN-L1 | 5.30 | {Number(measured)} | {Number(Volume.FromCubicMetres(5.30m) - measured)} | {Rate(measured)} | 1 | 0"]);
    }

    private static string Number(Volume volume) => volume.ToString()[..^" m³".Length];

    private static string Rate(Volume measured) =>
        (Math.Round((530m - measured.Hundredths) * 10_000m / 530m, MidpointRounding.AwayFromZero) / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
