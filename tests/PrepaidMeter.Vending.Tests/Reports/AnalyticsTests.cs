using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Reports;

/// <summary>Line loss and abnormal consumption on small hand-made districts whose answers are known.</summary>
public sealed class AnalyticsTests
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory, BothStores]
    public void LineLoss_OneCompleteLineOneMissingReadingOneWithoutSummary_RankedAndFlagged(Store store)
    {
        using var counter = new Counter(store);
        counter.MadeUp(district =>
        {
            var a = district.AddCustomer("A", "North", "L1", "T1", "residential", Jan.AddMonths(-1));
            var b = district.AddCustomer("B", "North", "L1", "T1", "residential", Jan.AddMonths(-1));
            var c = district.AddCustomer("C", "North", "L2", "T2", "residential", Jan.AddMonths(-1));
            var d = district.AddCustomer("D", "North", "L3", "T3", "residential", Jan.AddMonths(-1));
            district.AddReading(a.MeterId, Jan.AddHours(-1), 10_000);
            district.AddReading(a.MeterId, Jan.AddMonths(1).AddHours(-4), 30_000);
            district.AddReading(b.MeterId, Jan.AddHours(2), 5_000);
            district.AddReading(b.MeterId, Jan.AddMonths(1).AddHours(5), 40_000);
            district.AddReading(b.MeterId, Jan.AddDays(15), 20_000); // mid-month: not near either end
            district.AddReading(c.MeterId, Jan.AddHours(1), 0);
            district.AddReading(d.MeterId, Jan, 0);
            district.AddReading(d.MeterId, Jan.AddMonths(1), 7_000);
            var s1 = district.AddBranchMeter(BranchKind.Line, "L1", "S1");
            district.AddBranchReading(s1, Jan, 1_000_000);
            district.AddBranchReading(s1, Jan.AddMonths(1), 1_060_000);
            var s2 = district.AddBranchMeter(BranchKind.Line, "L2", "S2");
            district.AddBranchReading(s2, Jan, 0);
            district.AddBranchReading(s2, Jan.AddMonths(1), 10_000);
        });

        var report = counter.Office.Reports.LineLoss(counter.Admin, BranchKind.Line, Jan, Jan.AddMonths(1), TimeSpan.FromDays(3)).Value;

        Text(report).ShouldBe(
        [
            "L1 | S1 | 600.00 | 550.00 | 50.00 | 8.33 | 2 | 0",
            "L2 | S2 | 100.00 | 0.00 |  |  | 1 | 1",
            "L3 |  |  | 70.00 |  |  | 1 | 0",
        ]);
        string.Join(" | ", report.Totals!.Select((cell, i) => cell.Format(report.Columns[i].Kind))).ShouldBe("total (1 complete) |  | 600.00 | 550.00 | 50.00 | 8.33 | 2 | 0");
        report.Notes.ShouldContain(n => n.StartsWith("line L2: 1 of 1 meter(s) without a reading within 3 d", StringComparison.Ordinal));
        report.Notes.ShouldContain("line L3: no summary meter — no loss without what entered the branch");
    }

    [Theory, BothStores]
    public void LineLoss_ByTransformerArea_UsesTheCustomersAreas(Store store)
    {
        using var counter = new Counter(store);
        counter.MadeUp(district =>
        {
            var a = district.AddCustomer("A", "North", "L1", "T9", "residential", Jan);
            district.AddReading(a.MeterId, Jan, 0);
            district.AddReading(a.MeterId, Jan.AddMonths(1), 9_000);
            var t9 = district.AddBranchMeter(BranchKind.TransformerArea, "T9", "AREA-9");
            district.AddBranchReading(t9, Jan, 0);
            district.AddBranchReading(t9, Jan.AddMonths(1), 10_000);
        });

        var report = counter.Office.Reports.LineLoss(counter.Admin, BranchKind.TransformerArea, Jan, Jan.AddMonths(1), TimeSpan.FromDays(1)).Value;

        Text(report).ShouldBe(["T9 | AREA-9 | 100.00 | 90.00 | 10.00 | 10.00 | 1 | 0"]);
    }

    [Theory, BothStores]
    public void Abnormal_DropSilenceAndBuyingSpree_FlaggedWithTheirNumbers_NormalCustomerNot(Store store)
    {
        using var counter = new Counter(store);
        var month = Jan.AddMonths(13); // 2027-02, with 13 months behind it
        counter.MadeUp(district =>
        {
            var drop = district.AddCustomer("Dropping", "North", "L1", "T1", "residential", Jan);
            var steady = district.AddCustomer("Steady", "North", "L1", "T1", "residential", Jan);
            var spree = district.AddCustomer("Spree", "North", "L1", "T1", "residential", Jan);
            var quiet = district.AddCustomer("Quiet", "North", "L1", "T1", "residential", Jan);
            long[] monthly = [10_000, 10_200, 9_800, 10_100, 9_900, 10_000, 10_300, 9_700, 10_000, 10_100, 9_900, 10_000, 10_050];
            long dropTotal = 0, steadyTotal = 0;
            for (var m = 0; m <= 13; m++)
            {
                var endOfMonth = Jan.AddMonths(m + 1).AddDays(-1);
                district.AddReading(drop.MeterId, endOfMonth, dropTotal);
                district.AddReading(steady.MeterId, endOfMonth, steadyTotal);
                var used = m < 13 ? monthly[m % monthly.Length] : 0;
                dropTotal += m == 12 ? 3_000 : used; // the last month read (2027-02) is 30 kWh
                steadyTotal += m == 12 ? 10_000 : used;
                district.AddSale(spree.Account, spree.MeterId, Jan.AddMonths(m).AddDays(3), 10_000, 5_000);
            }

            for (var extra = 0; extra < 7; extra++)
            {
                district.AddSale(spree.Account, spree.MeterId, month.AddDays(5 + extra), 10_000, 5_000);
            }

            district.AddSale(quiet.Account, quiet.MeterId, month.AddDays(-70), 10_000, 5_000);
        });

        var report = counter.Office.Reports.Abnormal(counter.Admin, month, new ReportFilter()).Value;

        var flags = report.Rows.Select(r => $"{r[report.Column("name")].Text} {r[report.Column("flag")].Text}").ToList();
        flags.ShouldBe(["Dropping outlier", "Dropping drop", "Spree buying", "Quiet silent"], ignoreOrder: true);
        var dropRow = report.Rows.Single(r => r[3].Text == "drop");
        dropRow[report.Column("kWh this month")].Number.ShouldBe(3_000);
        dropRow[report.Column("why")].Text.ShouldBe("30% of the same month last year");
        var spreeRow = report.Rows.Single(r => r[3].Text == "buying");
        spreeRow[report.Column("purchases")].Number.ShouldBe(8);
        report.Rows.Single(r => r[3].Text == "silent")[report.Column("why")].Text.ShouldBe("98 days without a purchase or a reading");
    }

    private static IReadOnlyList<string> Text(ReportTable report) =>
        [.. report.Rows.Select(r => string.Join(" | ", r.Select((c, i) => c.Format(report.Columns[i].Kind))))];
}
