using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Reports;

/// <summary>
/// The reports' sums always equal the sums of the receipts they stand for, to the hundredth: on random
/// histories of sales (energy or money, days apart, some corrected or cancelled, some with arrears), for
/// every period kind, the classified report, and a random window.
/// </summary>
public sealed class ReportProperties
{
    private enum Twist
    {
        None,
        Correct,
        Cancel,
        Arrears,
    }

    [Theory, BothStores]
    public void RandomHistories_ReportTotalsEqualTheReceipts(Store store)
    {
        var sale = Gen.Choose(1, 300).Zip(Gen.Choose(0, 45)).Zip(Gen.Elements(Enum.GetValues<Twist>()).Zip(Gen.Elements(true, false)));
        var history = Gen.ListOf(sale).Resize(10).Zip(Gen.Choose(0, 120).Zip(Gen.Choose(1, 120)));
        Prop.ForAll(history.ToArbitrary(), h => Check(store, [.. h.Item1.Select(s => (s.Item1.Item1, s.Item1.Item2, s.Item2.Item1, s.Item2.Item2))], h.Item2.Item1, h.Item2.Item2))
            .QuickCheckThrowOnFailure(15);
    }

    private static void Check(Store store, IReadOnlyList<(int Amount, int Days, Twist Twist, bool Money)> history, int windowStartDay, int windowDays)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        foreach (var (amount, days, twist, money) in history)
        {
            counter.Time.Advance(TimeSpan.FromDays(days));
            counter.Swipe(card);
            counter.Insert(card);
            if (twist == Twist.Arrears)
            {
                counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromHundredths(amount), "fee").Success.ShouldBeTrue();
            }

            // A money purchase must cover any arrears: pay them on top.
            var owed = counter.Office.Accounts.Get(counter.Admin, opening.AccountId).Value.Arrears;
            var request = money ? Counter.Pay((amount + owed.Hundredths + 100) / 100m) : Counter.Kwh(amount / 10m);
            counter.Sell(request).GetAwaiter().GetResult().Success.ShouldBeTrue();
            if (twist == Twist.Correct)
            {
                counter.Office.Sales.CorrectAsync(counter.Admin, counter.Reader, Counter.Kwh((amount + 7) / 10m)).GetAwaiter().GetResult().Success.ShouldBeTrue();
            }
            else if (twist == Twist.Cancel)
            {
                counter.Office.Sales.CancelAsync(counter.Admin, counter.Reader).GetAwaiter().GetResult().Success.ShouldBeTrue();
            }
        }

        var receipts = counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value;
        var start = Some.Moment.AddDays(windowStartDay);
        var windows = new[] { new ReportFilter(), new ReportFilter { From = start, To = start.AddDays(windowDays) } };
        foreach (var filter in windows)
        {
            var inWindow = receipts.Where(r => (filter.From is null || r.At >= filter.From) && (filter.To is null || r.At < filter.To)).ToList();
            var takings = inWindow.Where(r => r.Status == SaleStatus.Committed && r.Kind != SaleKind.Transfer).ToList();
            var expected = (Sales: (long)takings.Count, Energy: takings.Sum(r => r.Energy.Hundredths), Money: takings.Sum(r => r.Money.Hundredths),
                Arrears: takings.Sum(r => r.ArrearsCollected.Hundredths), Cancels: (long)inWindow.Count(r => r.Status == SaleStatus.Cancelled));
            var reports = Enum.GetValues<ReportPeriod>().Select(p => counter.Office.Reports.Sales(counter.Admin, p, filter).Value)
                .Append(counter.Office.Reports.Classified(counter.Admin, Classification.PriceType, filter).Value);
            foreach (var report in reports)
            {
                long Total(string column) => report.Totals![report.Column(column)].Number!.Value;
                long Sum(string column) => report.Rows.Sum(r => r[report.Column(column)].Number!.Value);
                (Total("sales"), Total("energy kWh"), Total("money"), Total("arrears collected"), Total("cancels")).ShouldBe(expected, report.Title);
                (Sum("sales"), Sum("energy kWh"), Sum("money"), Sum("arrears collected"), Sum("cancels")).ShouldBe(expected, report.Title);
            }

            // Per month too: each row is the receipts of its month.
            var monthly = counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Monthly, filter).Value;
            foreach (var row in monthly.Rows)
            {
                var month = takings.Where(r => r.At.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) == row[0].Text).ToList();
                row[monthly.Column("money")].Number.ShouldBe(month.Sum(r => r.Money.Hundredths));
                row[monthly.Column("energy kWh")].Number.ShouldBe(month.Sum(r => r.Energy.Hundredths));
            }
        }
    }
}
