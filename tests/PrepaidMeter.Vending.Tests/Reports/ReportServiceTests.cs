using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Reports;

public sealed class ReportServiceTests
{
    /// <summary>
    /// 2026-11-23 open with 50 kWh (25.00); 11-24 a 10 kWh sale (5.00); 12-04 a 20 kWh sale corrected to 30 kWh
    /// (15.00), a 4 kWh sale cancelled, 3.00 arrears charged and a 10 kWh sale collecting them (8.00), and a reissue.
    /// </summary>
    private static async Task<(Counter Counter, long Account)> SeededAsync(Store store)
    {
        var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        async Task SwipeAndSell(Domain.PurchaseRequest request)
        {
            counter.Swipe(card);
            counter.Insert(card);
            (await counter.Sell(request)).Success.ShouldBeTrue();
        }

        counter.Time.Advance(TimeSpan.FromDays(1));
        await SwipeAndSell(Counter.Kwh(10));
        counter.Time.Advance(TimeSpan.FromDays(10));
        await SwipeAndSell(Counter.Kwh(20));
        (await counter.Office.Sales.CorrectAsync(counter.Admin, counter.Reader, Counter.Kwh(30))).Success.ShouldBeTrue();
        await SwipeAndSell(Counter.Kwh(4));
        (await counter.Office.Sales.CancelAsync(counter.Admin, counter.Reader)).Success.ShouldBeTrue();
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(3), "meter seal replaced").Success.ShouldBeTrue();
        (await counter.Sell(Counter.Kwh(10))).Success.ShouldBeTrue();
        counter.Swipe(card);
        counter.InsertBlank();
        (await counter.Office.Cards.ReissueAsync(counter.Admin, counter.Reader, opening.AccountId, "lost")).Success.ShouldBeTrue();
        return (counter, opening.AccountId);
    }

    [Theory, BothStores]
    public async Task Monthly_SeededCounter_KnownTotalsPerMonth(Store store)
    {
        var (counter, _) = await SeededAsync(store);
        using var _counter = counter;

        var report = counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Monthly, new ReportFilter()).Value;

        Text(report).ShouldBe(
        [
            "2026-11 | 2 | 60.00 | 30.00 | 0.00 | 0 | 0 | 0",
            "2026-12 | 2 | 40.00 | 23.00 | 3.00 | 1 | 1 | 1",
        ]);
        string.Join(" | ", report.Totals!.Select((c, i) => c.Format(report.Columns[i].Kind))).ShouldBe("total | 4 | 100.00 | 53.00 | 3.00 | 1 | 1 | 1");
    }

    [Theory, BothStores]
    public async Task Daily_PeriodFilter_CoversOnlyThoseDays(Store store)
    {
        var (counter, _) = await SeededAsync(store);
        using var _counter = counter;
        var filter = new ReportFilter { From = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero) };

        var report = counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Daily, filter).Value;

        Text(report).ShouldBe(["2026-11-24 | 1 | 10.00 | 5.00 | 0.00 | 0 | 0 | 0"]);
        report.Covers.ShouldBe("2026-11-24 00:00 to 2026-11-25 00:00 (UTC)");
    }

    [Theory, BothStores]
    public async Task Sales_EmptyPeriod_EmptyReportWithZeroTotals(Store store)
    {
        var (counter, _) = await SeededAsync(store);
        using var _counter = counter;

        var report = counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Yearly, new ReportFilter { From = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) }).Value;

        report.Rows.ShouldBeEmpty();
        report.Totals!.Skip(1).ShouldAllBe(c => c.Number == 0);
    }

    [Theory]
    [InlineData(Store.Sqlite, "operator", "nobody")]
    [InlineData(Store.Postgres, "operator", "nobody")]
    [InlineData(Store.Sqlite, "price type", "industrial")]
    [InlineData(Store.Postgres, "price type", "industrial")]
    [InlineData(Store.Sqlite, "line", "L9")]
    [InlineData(Store.Postgres, "line", "L9")]
    public async Task Sales_FilterNamingNothing_RefusedSayingSo(Store store, string what, string name)
    {
        var (counter, _) = await SeededAsync(store);
        using var _counter = counter;
        var filter = what switch
        {
            "operator" => new ReportFilter { Operator = name },
            "price type" => new ReportFilter { PriceType = name },
            _ => new ReportFilter { Line = name },
        };

        var refused = counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Monthly, filter);

        refused.Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        refused.Refusal.Message.ShouldStartWith($"no {what} '{name}' exists");
    }

    [Theory, BothStores]
    public async Task Classified_ByPriceTypeAndCategory_OneRowEachWithTheSameTotals(Store store)
    {
        var (counter, _) = await SeededAsync(store);
        using var _counter = counter;

        var byPrice = counter.Office.Reports.Classified(counter.Admin, Classification.PriceType, new ReportFilter()).Value;
        var byCategory = counter.Office.Reports.Classified(counter.Admin, Classification.CustomerCategory, new ReportFilter()).Value;

        Text(byPrice).ShouldBe(["residential | 4 | 100.00 | 53.00 | 3.00 | 1 | 1 | 1"]);
        Text(byCategory).ShouldBe(["residential | 4 | 100.00 | 53.00 | 3.00 | 1 | 1 | 1"]);
    }

    [Theory, BothStores]
    public async Task Registration_Monthly_CountsAccountsAndMeterMoves(Store store)
    {
        var (counter, _) = await SeededAsync(store);
        using var _counter = counter;

        var report = counter.Office.Reports.Registration(counter.Admin, new ReportFilter()).Value;

        Text(report).ShouldBe(["2026-11 | 1 | 2 | 1 | 0 | 0 | 0 | 0 | 0 | 0"]);
    }

    [Theory, BothStores]
    public async Task AccountBook_ChargesAndReceipts_BalanceIsMinusTheArrearsOwed(Store store)
    {
        var (counter, account) = await SeededAsync(store);
        using var _counter = counter;
        counter.Office.Accounts.ChargeArrears(counter.Admin, account, Money.FromUnits(2), "late fee").Success.ShouldBeTrue();

        var book = counter.Office.Reports.AccountBook(counter.Admin, account, new ReportFilter()).Value;

        book.Rows.Count.ShouldBe(6); // 4 receipts, 2 charges
        book.Rows[^1][book.Column("balance")].Number.ShouldBe(-200);
        counter.Office.Accounts.Get(counter.Admin, account).Value.Arrears.Hundredths.ShouldBe(200);
        book.Totals![book.Column("credit")].Number.ShouldBe(5_300);
    }

    [Theory, BothStores]
    public async Task Readings_LatestPerMeter_WithSourceAndAge(Store store)
    {
        var (counter, _) = await SeededAsync(store);
        using var _counter = counter;
        counter.Time.Advance(TimeSpan.FromDays(3));

        var report = counter.Office.Reports.Readings(counter.Admin, new ReportFilter()).Value;

        var row = report.Rows.ShouldHaveSingleItem();
        row[report.Column("meter")].Text.ShouldBe(Counter.MeterA.ToString());
        row[report.Column("source")].Text.ShouldBe("return-write");
        var latest = counter.Office.Queries.Readings(counter.Admin, new QueryFilter()).Value.MaxBy(r => r.MeterTime)!;
        row[report.Column("read at")].Text.ShouldBe(latest.MeterTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        row[report.Column("age days")].Number.ShouldBe((long)Math.Floor((counter.Time.GetUtcNow() - latest.MeterTime).TotalDays));
    }

    private static IReadOnlyList<string> Text(ReportTable report) =>
        [.. report.Rows.Select(r => string.Join(" | ", r.Select((c, i) => c.Format(report.Columns[i].Kind))))];
}
