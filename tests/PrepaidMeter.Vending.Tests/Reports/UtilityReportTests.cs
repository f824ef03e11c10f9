using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Reports;

/// <summary>Reports by utility (issue 25): water beside electricity, never summed with it; water loss; a leak's night-time floor.</summary>
public sealed class UtilityReportTests
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SupplyGroupCode Water = SupplyGroupCode.From(200002);

    [Theory, BothStores]
    public void WaterLoss_MainAndSummaryMeterOnOneLine_EachAgainstItsOwnUtilitysMeters(Store store)
    {
        using var counter = WithWaterGroup(store);
        counter.MadeUp(district =>
        {
            var power = district.AddCustomer("A", "North", "L1", "T1", "residential", Jan.AddMonths(-1));
            var tap1 = district.AddCustomer("W1", "North", "L1", "T1", "residential", Jan.AddMonths(-1), Water);
            var tap2 = district.AddCustomer("W2", "North", "L1", "T1", "residential", Jan.AddMonths(-1), Water);
            district.AddReading(power.MeterId, Jan, 0);
            district.AddReading(power.MeterId, Jan.AddMonths(1), 9_000);
            district.AddReading(tap1.MeterId, Jan, 1_000);
            district.AddReading(tap1.MeterId, Jan.AddMonths(1), 2_200); // 12.00 m³
            district.AddReading(tap2.MeterId, Jan.AddHours(3), 500);
            district.AddReading(tap2.MeterId, Jan.AddMonths(1).AddHours(-3), 1_300); // 8.00 m³
            var power1 = district.AddBranchMeter(BranchKind.Line, "L1", "S1");
            district.AddBranchReading(power1, Jan, 0);
            district.AddBranchReading(power1, Jan.AddMonths(1), 10_000);
            var main = district.AddBranchMeter(BranchKind.Line, "L1", "MAIN-1", Utility.Water); // the same line: its water main beside its summary meter
            district.AddBranchReading(main, Jan, 50_000);
            district.AddBranchReading(main, Jan.AddMonths(1), 52_500); // 25.00 m³ entered
        });

        var water = counter.Office.Reports.LineLoss(counter.Admin, BranchKind.Line, Jan, Jan.AddMonths(1), TimeSpan.FromDays(1), new ReportFilter { Utility = Utility.Water }).Value;
        var power = counter.Office.Reports.LineLoss(counter.Admin, BranchKind.Line, Jan, Jan.AddMonths(1), TimeSpan.FromDays(1)).Value;

        water.Title.ShouldBe("Water loss by line");
        water.Columns.Select(c => c.Name).ShouldContain("loss m³");
        water.Columns.Single(c => c.Name == "loss m³").Kind.ShouldBe(ColumnKind.Volume);
        Text(water).ShouldBe(["L1 | MAIN-1 | 25.00 | 20.00 | 5.00 | 20.00 | 2 | 0"]);
        power.Title.ShouldBe("Line loss by line");
        Text(power).ShouldBe(["L1 | S1 | 100.00 | 90.00 | 10.00 | 10.00 | 1 | 0"]);
    }

    [Theory, BothStores]
    public void WaterLoss_SubMeterWithoutReadingAtEnd_FlaggedMissingAndNoLossFigure(Store store)
    {
        using var counter = WithWaterGroup(store);
        counter.MadeUp(district =>
        {
            var tap1 = district.AddCustomer("W1", "North", "Z1", "T1", "residential", Jan.AddMonths(-1), Water);
            var tap2 = district.AddCustomer("W2", "North", "Z1", "T1", "residential", Jan.AddMonths(-1), Water);
            district.AddReading(tap1.MeterId, Jan, 1_000);
            district.AddReading(tap1.MeterId, Jan.AddMonths(1), 2_200);
            district.AddReading(tap2.MeterId, Jan, 500);
            district.AddReading(tap2.MeterId, Jan.AddDays(20), 900); // nothing near the end: not stretched to it
            var main = district.AddBranchMeter(BranchKind.Line, "Z1", "MAIN-1", Utility.Water);
            district.AddBranchReading(main, Jan, 50_000);
            district.AddBranchReading(main, Jan.AddMonths(1), 52_500);
        });

        var report = counter.Office.Reports.LineLoss(counter.Admin, BranchKind.Line, Jan, Jan.AddMonths(1), TimeSpan.FromDays(1), new ReportFilter { Utility = Utility.Water }).Value;

        Text(report).ShouldBe(["Z1 | MAIN-1 | 25.00 | 12.00 |  |  | 2 | 1"]);
        report.Notes.ShouldContain(n => n.StartsWith("line Z1: 1 of 2 meter(s) without a reading within 1 d", StringComparison.Ordinal));
        report.Totals![0].Text.ShouldBe("total (0 complete)");
    }

    [Theory, BothStores]
    public void Takings_WaterBesideElectricity_WaterM3InItsOwnColumn_KWhOnlyElectricity(Store store)
    {
        using var counter = WithWaterGroup(store);
        counter.MadeUp(district =>
        {
            var power = district.AddCustomer("A", "North", "L1", "T1", "residential", Jan);
            var tap = district.AddCustomer("W", "North", "Z1", "T1", "residential", Jan, Water);
            district.AddSale(power.Account, power.MeterId, Jan.AddDays(1), 10_000, 5_000);
            district.AddVolumeSale(tap.Account, tap.MeterId, Jan.AddDays(1), 1_250, 4_000); // 12.50 m³ for 40.00
        });

        var all = counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Monthly, new ReportFilter()).Value;
        var water = counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Monthly, new ReportFilter { Utility = Utility.Water }).Value;
        var power = counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Monthly, new ReportFilter { Utility = Utility.Electricity }).Value;

        all.Columns.Select(c => c.Name).ShouldBe(["month", "sales", "energy kWh", "money", "arrears collected", "corrections", "cancels", "reissues", "water m³"]);
        Text(all).ShouldBe(["2026-01 | 2 | 100.00 | 90.00 | 0.00 | 0 | 0 | 0 | 12.50"]);
        Text(water).ShouldBe(["2026-01 | 1 | 0.00 | 40.00 | 0.00 | 0 | 0 | 0 | 12.50"]);
        power.Columns.Select(c => c.Name).ShouldNotContain("water m³");
        Text(power).ShouldBe(["2026-01 | 1 | 100.00 | 50.00 | 0.00 | 0 | 0 | 0"]);
    }

    [Theory, BothStores]
    public void Takings_SiteOfElectricityAlone_NoVolumeColumn(Store store)
    {
        using var counter = new Counter(store);

        counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Daily, new ReportFilter()).Value.Columns.Count.ShouldBe(8);
    }

    [Theory, BothStores]
    public void Readings_WaterMeter_CumulativeInM3NotUnderKWh(Store store)
    {
        using var counter = WithWaterGroup(store);
        counter.MadeUp(district =>
        {
            var power = district.AddCustomer("A", "North", "L1", "T1", "residential", Jan);
            var tap = district.AddCustomer("W", "North", "Z1", "T1", "residential", Jan, Water);
            district.AddReading(power.MeterId, Jan, 9_000);
            district.AddReading(tap.MeterId, Jan, 1_234);
        });

        var report = counter.Office.Reports.Readings(counter.Admin, new ReportFilter()).Value;

        report.Totals![report.Column("cumulative kWh")].Number.ShouldBe(9_000);
        report.Totals[report.Column("cumulative m³")].Number.ShouldBe(1_234);
        report.Rows.Single(r => r[report.Column("utility")].Text == "water")[report.Column("cumulative kWh")].Number.ShouldBeNull();
    }

    [Theory, BothStores]
    public void Abnormal_WaterMeterNeverStillAtNight_FlaggedLeak_HouseholdThatStopsAtNightNot(Store store)
    {
        using var counter = WithWaterGroup(store);
        counter.MadeUp(district =>
        {
            var leaking = district.AddCustomer("Leaking", "North", "Z1", "T1", "residential", Jan.AddMonths(-1), Water);
            var household = district.AddCustomer("Household", "North", "Z1", "T1", "residential", Jan.AddMonths(-1), Water);
            long leak = 0, still = 0;
            for (var day = 0; day < 10; day++)
            {
                var night = Jan.AddDays(day);
                district.AddReading(leaking.MeterId, night.AddHours(1), leak);
                district.AddReading(household.MeterId, night.AddHours(1), still);
                leak += day == 4 ? 1 : 4; // 40 L in 4 h (10 L/h); the fifth night only 10 L: 2.50 L/h, still not zero
                district.AddReading(leaking.MeterId, night.AddHours(5), leak);
                district.AddReading(household.MeterId, night.AddHours(5), still);
                leak += 40;
                still += 42; // the day's use
            }
        });

        var report = counter.Office.Reports.Abnormal(counter.Admin, Jan, new ReportFilter { Utility = Utility.Water }).Value;

        report.Columns.Select(c => c.Name).ShouldContain("m³ this month");
        var leaks = report.Rows.Where(r => r[report.Column("flag")].Text == "leak").ToList();
        leaks.Select(r => r[report.Column("name")].Text).ShouldBe(["Leaking"]);
        leaks[0][report.Column("why")].Text.ShouldBe("use every night: the lowest 2.50 L/h, median 10.00 L/h over 10 night(s) with readings");
        report.Notes.ShouldContain(n => n.StartsWith("leak: 2 meter(s) with at least 7 nights read", StringComparison.Ordinal));
    }

    [Theory, BothStores]
    public void Abnormal_LeakingMeterWithTooFewNightsRead_NotFlagged_NightsNotGuessed(Store store)
    {
        using var counter = WithWaterGroup(store);
        counter.MadeUp(district =>
        {
            var leaking = district.AddCustomer("Leaking", "North", "Z1", "T1", "residential", Jan.AddMonths(-1), Water);
            long leak = 0;
            for (var day = 0; day < 10; day++)
            {
                var night = Jan.AddDays(day);
                district.AddReading(leaking.MeterId, night.AddHours(1), leak);
                leak += 4;
                if (day % 2 == 0)
                {
                    district.AddReading(leaking.MeterId, night.AddHours(5), leak); // every other night only: 5 nights with a figure
                }

                leak += 40;
            }
        });

        var report = counter.Office.Reports.Abnormal(counter.Admin, Jan, new ReportFilter { Utility = Utility.Water }).Value;

        report.Rows.ShouldNotContain(r => r[report.Column("flag")].Text == "leak");
        report.Notes.ShouldContain(n => n.StartsWith("leak: 0 meter(s) with at least 7 nights read", StringComparison.Ordinal));
    }

    [Theory, BothStores]
    public void ConsumptionTrend_WaterAccount_InM3_NeverUnderKwh(Store store)
    {
        using var counter = WithWaterGroup(store);
        long account = 0;
        counter.MadeUp(district =>
        {
            var tap = district.AddCustomer("W1", "North", "Z1", "T1", "residential", Jan.AddMonths(-2), Water);
            account = tap.Account;
            district.AddReading(tap.MeterId, Jan.AddMonths(-1), 1_000);
            district.AddReading(tap.MeterId, Jan, 2_200);
        });

        var trend = counter.Office.Reports.ConsumptionTrend(counter.Admin, account, Jan).Value;

        trend.Columns.Select(c => (c.Name, c.Kind)).ShouldBe([("month", ColumnKind.Text), ("m³", ColumnKind.Volume), ("m³ a year before", ColumnKind.Volume)]);
        trend.Rows[^1][1].Format(ColumnKind.Volume).ShouldBe("12.00");
    }

    [Theory, BothStores]
    public void Registration_UtilityWater_CountsTheWaterAccountsOnly(Store store)
    {
        using var counter = WithWaterGroup(store);
        counter.MadeUp(district =>
        {
            district.AddCustomer("A", "North", "L1", "T1", "residential", Jan);
            district.AddCustomer("B", "North", "L1", "T1", "residential", Jan);
            district.AddCustomer("W", "North", "L1", "T1", "residential", Jan, Water);
        });

        var all = counter.Office.Reports.Registration(counter.Admin, new ReportFilter()).Value;
        var water = counter.Office.Reports.Registration(counter.Admin, new ReportFilter { Utility = Utility.Water }).Value;

        all.Rows.Sum(r => r[all.Column("accounts opened")].Number).ShouldBe(3);
        water.Rows.Sum(r => r[water.Column("accounts opened")].Number).ShouldBe(1);
    }

    [Fact]
    public void NightFloor_NightCrossingMidnight_ReadInsideTheWindowOnly()
    {
        var rules = new AbnormalOptions { NightStart = TimeSpan.FromHours(23), NightEnd = TimeSpan.FromHours(3) };
        (DateTimeOffset, long)[] readings =
        [
            (Jan.AddDays(1).AddHours(-1), 100), (Jan.AddDays(1).AddHours(3), 104), // the night of Jan 2: 40 L in 4 h
            (Jan.AddDays(1).AddHours(12), 200), // midday: not the night's
        ];

        NightFloor.Nights(readings, Jan, Jan.AddMonths(1), rules).ShouldBe([1_000]);
    }

    private static Counter WithWaterGroup(Store store)
    {
        var counter = new Counter(store);
        counter.Office.Groups.Add(counter.Admin, new SupplyGroupDefinition(Water, "Waterworks", Convert.ToHexString(Some.GroupSecret), "pm-ref-water", "pm-ref-v1",
            CreditUnit.Volume, M3(5000), M3(100), M3(200), M3(100), M3(0), 0) { MeterType = Utility.Water }).Success.ShouldBeTrue();
        return counter;
    }

    private static CreditAmount M3(long hundredths) => CreditAmount.Of(Volume.FromHundredths(hundredths));

    private static IReadOnlyList<string> Text(ReportTable report) =>
        [.. report.Rows.Select(r => string.Join(" | ", r.Select((c, i) => c.Format(report.Columns[i].Kind))))];
}
