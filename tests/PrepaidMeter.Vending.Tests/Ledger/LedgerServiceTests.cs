using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Ledger;

public sealed class LedgerServiceTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Theory, BothStores]
    public async Task Book_ChargeSaleCorrectionAndCancel_LinesInTimeOrderWithRunningArrears(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Time.Advance(Minute);
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(3), "meter box").Success.ShouldBeTrue();
        counter.Swipe(card);
        counter.Insert(card);
        counter.Time.Advance(Minute);
        (await counter.Sell(Counter.Pay(10))).Value.ArrearsCollected.ShouldBe(Money.FromUnits(3));
        counter.Time.Advance(Minute);
        (await counter.Office.Sales.CorrectAsync(counter.Admin, counter.Reader, Counter.Pay(8))).Success.ShouldBeTrue();
        counter.Time.Advance(Minute);
        (await counter.Office.Sales.CancelAsync(counter.Admin, counter.Reader)).Success.ShouldBeTrue();

        var book = counter.Office.Ledger.Book(counter.Admin, opening.AccountId).Value;

        book.Lines.Select(l => l.Kind).ShouldBe([BookLineKind.Sale, BookLineKind.Charge, BookLineKind.Sale, BookLineKind.Corrected, BookLineKind.Sale, BookLineKind.Cancelled]);
        book.Lines.Select(l => l.Paid.Hundredths).ShouldBe([500, 0, 1000, -1000, 800, -800]);
        book.Lines.Select(l => l.Charged.Hundredths).ShouldBe([0, 300, 0, 0, 0, 0]);
        book.Lines.Select(l => l.Collected.Hundredths).ShouldBe([0, 0, 300, -300, 300, -300]);
        book.Lines.Select(l => l.Arrears.Hundredths).ShouldBe([0, 300, 0, 300, 0, 300]);
        book.Lines[0].Credit!.Value.Hundredths.ShouldBe(1000);
        book.Lines[3].Credit!.Value.Hundredths.ShouldBe(-1400);
        book.Arrears.ShouldBe(counter.Office.Accounts.Get(counter.Admin, opening.AccountId).Value.Arrears);
        book.Paid.ShouldBe(Money.FromUnits(5));
    }

    [Theory, BothStores]
    public async Task Book_Transfer_OutOnTheOldAccountAndInOnTheNewOne(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        counter.Time.Advance(Minute);
        var done = (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader,
            new TransferTo.NewCustomer(new CustomerDetails("Zhang San", "", "", "North", "L1", "T1", "residential")), "sold")).Value;
        counter.Time.Advance(Minute);
        (await counter.Sell(Counter.Kwh(5))).Success.ShouldBeTrue();

        var old = counter.Office.Ledger.Book(counter.Admin, opening.AccountId).Value;
        var fresh = counter.Office.Ledger.Book(counter.Admin, done.ToAccount).Value;

        old.Status.ShouldBe(AccountStatus.Transferred);
        old.TransferredTo.ShouldBe(done.ToAccount);
        old.Lines.Select(l => l.Kind).ShouldBe([BookLineKind.Sale, BookLineKind.TransferOut]);
        fresh.Status.ShouldBe(AccountStatus.Open);
        fresh.Lines.Select(l => l.Kind).ShouldBe([BookLineKind.TransferIn, BookLineKind.Sale]);
        fresh.Lines[0].Detail.ShouldContain($"from account {opening.AccountId}");
        fresh.Lines.All(l => l.Paid.Hundredths >= 0).ShouldBeTrue();
    }

    [Theory, BothStores]
    public async Task Book_PartnerPayment_IsPaidOnceAndTheSaleCarryingItPaysOnlyTheRest(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        var partner = counter.Office.Payments.AddPartner(counter.Admin, "bank").Value;
        counter.Time.Advance(Minute);
        counter.Office.Payments.Take(partner.ApiKey, new PaymentRequest("k1", null, opening.AccountId, Money.FromUnits(4), "ref-1")).Success.ShouldBeTrue();
        counter.Time.Advance(Minute);
        (await counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader)).Success.ShouldBeTrue();

        var book = counter.Office.Ledger.Book(counter.Admin, opening.AccountId).Value;

        book.Lines.Select(l => l.Kind).ShouldBe([BookLineKind.Sale, BookLineKind.Payment, BookLineKind.Sale]);
        book.Lines.Select(l => l.Paid.Hundredths).ShouldBe([500, 400, 0]);
        book.Lines[2].Credit!.Value.Hundredths.ShouldBe(800);
    }

    [Theory, BothStores]
    public async Task Check_UntouchedBooksWithReissueCancelAndTransfer_AllAgree(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(2), "fee").Success.ShouldBeTrue();
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(5))).Success.ShouldBeTrue();
        (await counter.Office.Sales.CancelAsync(counter.Admin, counter.Reader)).Success.ShouldBeTrue();
        var reissued = counter.InsertBlank();
        (await counter.Office.Cards.ReissueAsync(counter.Admin, counter.Reader, opening.AccountId, "lost")).Success.ShouldBeTrue();
        counter.Swipe(reissued);
        counter.Insert(reissued);
        (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader, new TransferTo.NewCustomer(new CustomerDetails("Zhang San", "", "", "", "", "", "")), "sold"))
            .Success.ShouldBeTrue();

        var check = counter.Office.Ledger.Check(counter.Admin).Value;

        check.Accounts.ShouldBe(2);
        check.Disagreements.ShouldBeEmpty();
        check.Agree.ShouldBeTrue();
    }

    [Theory, BothStores]
    public void Check_StoredRowEditedBehindTheBackOffice_ReportsEveryDisagreement(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        counter.Tampered = true;
        using (var connection = counter.Database.Open())
        {
            connection.Execute("UPDATE accounts SET arrears = 700, purchase_count = 4, card_serial = card_serial + 50, status = 'transferred'").ShouldBe(1);
        }

        var check = counter.Office.Ledger.Check(counter.Admin, opening.AccountId).Value;

        check.Agree.ShouldBeFalse();
        check.Disagreements.Select(d => d.Field).ShouldBe(["arrears", "purchase count", "card serial", "status"]);
        check.Disagreements[0].Stored.ShouldBe("7.00");
        check.Disagreements[0].FromBook.ShouldBe("0.00");
        check.Disagreements[1].FromBook.ShouldBe("1");
        counter.Office.Ledger.Check(counter.Admin, 999).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
    }

    [Theory, BothStores]
    public async Task Receivables_ChargesPaidOldestFirst_AgeOfTheOldestUnpaidAndPlaceFilters(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(2), "first").Success.ShouldBeTrue();
        counter.Swipe(card);
        counter.Insert(card);
        counter.Time.Advance(TimeSpan.FromDays(1));
        (await counter.Sell(Counter.Pay(3))).Value.ArrearsCollected.ShouldBe(Money.FromUnits(2));
        counter.Time.Advance(TimeSpan.FromDays(2));
        var second = counter.Time.GetUtcNow();
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(4), "second").Success.ShouldBeTrue();
        counter.Time.Advance(TimeSpan.FromDays(10.5));

        var all = counter.Office.Ledger.Receivables(counter.Admin, new ReportFilter()).Value;

        var owing = all.Accounts.Single();
        owing.Arrears.ShouldBe(Money.FromUnits(4));
        owing.OldestUnpaid.ShouldBe(second);
        owing.AgeDays.ShouldBe(10);
        all.Total.ShouldBe(Money.FromUnits(4));
        counter.Office.Ledger.Receivables(counter.Admin, new ReportFilter { Line = "L1" }).Value.Accounts.Count.ShouldBe(1);
        counter.Office.Ledger.Receivables(counter.Admin, new ReportFilter { Region = "Nowhere" }).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        counter.Office.Ledger.Receivables(counter.Admin, new ReportFilter { From = counter.Time.GetUtcNow() }).Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
    }

    [Theory, BothStores]
    public void Receivables_OnlyAccountsThatOwe_AndAFilterTheyAreOutsideOfLeavesThemOut(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        counter.Office.Customers.Register(counter.Admin, new CustomerDetails("Other", "", "", "South", "L2", "T2", "residential")).Success.ShouldBeTrue();

        counter.Office.Ledger.Receivables(counter.Admin, new ReportFilter()).Value.Accounts.ShouldBeEmpty();
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(1), "fee").Success.ShouldBeTrue();
        counter.Office.Ledger.Receivables(counter.Admin, new ReportFilter { Line = "L2" }).Value.Accounts.ShouldBeEmpty();
        counter.Office.Ledger.Receivables(counter.Admin, new ReportFilter { Line = "L1" }).Value.Total.ShouldBe(Money.FromUnits(1));
    }
}
