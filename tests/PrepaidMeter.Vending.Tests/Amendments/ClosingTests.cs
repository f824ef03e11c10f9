using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Amendments;

/// <summary>docs/vending.md, "Closing an account" (销户), rules C1–C9.</summary>
public sealed class ClosingTests
{
    private const string Tiered = """{"kind":"tiered","blocks":[{"upTo":"200","price":"0.5000"},{"price":"0.8000"}]}""";

    [Theory, BothStores]
    public async Task Close_TieredPurchasesPartlyUsed_RefundsTheRemainingCreditLastInFirstOutLessArrears(Store store)
    {
        using var counter = new Counter(store, price: Tiered);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(150)); // 150 kWh at 0.50 = 75.00
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(100))).Value.Money.ShouldBe(Money.FromUnits(65m)); // 50 at 0.50 + 50 at 0.80
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded); // 10 preset + 150 + 100 = 260 kWh
        counter.MeterOf(Counter.MeterA).Advance(TimeSpan.FromHours(30), LoadProfile.Constant(1_000)); // 30 kWh used: 230 left
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(5m), "meter box").Success.ShouldBeTrue();
        await TakeCheckCardReading(counter);
        counter.Insert(card);

        var closing = (await counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader)).Value;

        // 230 kWh: the last purchase's 100 (65.00), then 130 of the opening's 150 at 0.50 (65.00); the preset was used first.
        closing.Remaining.Hundredths.ShouldBe(23_000);
        closing.ReadingSource.ShouldBe("check card");
        closing.CreditValue.ShouldBe(Money.FromUnits(130m));
        closing.ArrearsSet.ShouldBe(Money.FromUnits(5m));
        closing.Refunded.ShouldBe(Money.FromUnits(125m));
        closing.ArrearsLeft.ShouldBe(Money.Zero);
        closing.ReceiptNumber.ShouldBe(3);
        card.Memory.ToArray().ShouldBe(Counter.Layout.NewImage());
        counter.Office.Meters.File(counter.Admin, Counter.MeterA).Value.Meter.Status.ShouldBe(MeterStatus.Stock);
        counter.Office.Accounts.Get(counter.Admin, opening.AccountId).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        counter.Office.Closings.List(counter.Admin, new QueryFilter(Customer: counter.Customer)).Value.ShouldHaveSingleItem().Id.ShouldBe(closing.Id);
        var refund = counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value.Where(r => r.Kind == SaleKind.Refund).ShouldHaveSingleItem();
        refund.Money.ShouldBe(Money.FromUnits(-125m));
    }

    [Theory, BothStores]
    public async Task Close_TakingsReports_CountTheRefundAsNegativeMoneyInARefundsColumn(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(50)); // 25.00
        counter.Swipe(card);
        await TakeCheckCardReading(counter); // 60 kWh: 50 paid at 0.50, 10 preset
        counter.Insert(card);
        (await counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader)).Value.Refunded.ShouldBe(Money.FromUnits(25m));

        foreach (var period in new[] { ReportPeriod.Daily, ReportPeriod.Monthly })
        {
            var report = counter.Office.Reports.Sales(counter.Admin, period, new ReportFilter()).Value;
            report.Columns.Select(c => c.Name).ShouldContain("refunds");
            string Total(string column) => report.Totals![report.Columns.ToList().FindIndex(c => c.Name == column)].Format(ColumnKind.Money);
            Total("money").ShouldBe("0.00"); // receipts 25.00 less refunds 25.00
            Total("refunds").ShouldBe("25.00");
            report.Totals![report.Columns.ToList().FindIndex(c => c.Name == "sales")].Number.ShouldBe(1);
        }
    }

    [Theory, BothStores]
    public async Task Close_CardNotSwiped_IsRefusedAndTheCardIsLeftAsItWas(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        await TakeCheckCardReading(counter);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Success.ShouldBeTrue();
        var before = card.Memory.ToArray();

        var refused = await counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader);

        refused.Refusal!.Reason.ShouldBe(RefusalReason.CardNotSwiped);
        card.Memory.ToArray().ShouldBe(before);
    }

    [Theory, BothStores]
    public async Task Close_OnlyAReadingFromBeforeTheLastLoadOrAReturnWrite_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        await TakeCheckCardReading(counter); // before purchase 2 is loaded: it does not count
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Success.ShouldBeTrue();
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Office.Cards.TakeReadingAsync(counter.Admin, counter.Reader)).Value.Source.ShouldBe(ReadingSource.ReturnWrite);

        var refused = await counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader);

        refused.Refusal!.Message.ShouldContain("no reading of meter 000012345678 since it loaded purchase 2");
        counter.Office.Meters.File(counter.Admin, Counter.MeterA).Value.Meter.Status.ShouldBe(MeterStatus.Installed);
    }

    [Theory, BothStores]
    public async Task Close_SiteKeepsTheCredit_NothingIsPaidBackAndTheArrearsStay(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(5m), "meter box").Success.ShouldBeTrue();
        counter.Office.Closings.SetRule(counter.Admin, ClosingRule.Keep).Value.ShouldBe(ClosingRule.Keep);
        await TakeCheckCardReading(counter);
        counter.Insert(card);

        var closing = (await counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader)).Value;

        closing.Rule.ShouldBe(ClosingRule.Keep);
        closing.CreditValue.ShouldBe(Money.FromUnits(25m));
        closing.Refunded.ShouldBe(Money.Zero);
        closing.ArrearsLeft.ShouldBe(Money.FromUnits(5m));
        closing.ReceiptNumber.ShouldBeNull();
        counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value.ShouldNotContain(r => r.Kind == SaleKind.Refund);
        counter.Office.Closings.Rule(counter.Admin).Value.ShouldBe(ClosingRule.Keep);
    }

    [Theory, BothStores]
    public async Task ClosedAccount_SaleReissueMeterChangeAndAmendments_AreRefusedAndItsMeterOpensAnewFromStock(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        var copy = card.Memory.ToArray();
        await TakeCheckCardReading(counter);
        counter.Insert(card);
        (await counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader)).Success.ShouldBeTrue();

        counter.Insert(new MemoryCard(copy, Testing.Some.Keys.Psc.Span));
        (await counter.Sell(Counter.Kwh(10))).Refusal!.Message.ShouldContain("belongs to no open account");
        (await counter.Office.Sales.CorrectAsync(counter.Admin, counter.Reader, Counter.Kwh(10))).Success.ShouldBeFalse();
        (await counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader)).Refusal!.Message.ShouldContain("belongs to no open account");
        counter.InsertBlank();
        (await counter.Office.Cards.ReissueAsync(counter.Admin, counter.Reader, opening.AccountId, "lost")).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        var userReader = new InMemoryCardReader("user");
        userReader.Insert(new MemoryCard(copy, Testing.Some.Keys.Psc.Span));
        (await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, userReader, opening.AccountId)).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(1m), "x").Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        counter.Office.Amendments.ChangePowerType(counter.Admin, opening.AccountId, counter.Residential, DateOnly.FromDateTime(counter.Time.GetUtcNow().UtcDateTime), "x")
            .Refusal!.Reason.ShouldBe(RefusalReason.NotFound);

        counter.InsertBlank();
        (await counter.Office.Accounts.OpenAsync(counter.Admin, counter.Reader, counter.Customer, Counter.MeterA, counter.Residential, Counter.Kwh(5))).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public async Task Close_ByACashier_IsRefusedTheFunction_AndTheRuleIsTheSitesToSet(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
        var cashier = counter.Office.Operators.Login("wang", "cashier-pass").Value;
        counter.Insert(card);

        (await counter.Office.Closings.CloseAsync(cashier, counter.Reader)).Refusal!.Message.ShouldContain("'closing'");
        counter.Office.Closings.SetRule(cashier, ClosingRule.Keep).Refusal!.Message.ShouldContain("'site'");
        SeedRoles.IsAdministrative(Permission.AccountClosing).ShouldBeTrue();
    }

    [Theory, BothStores]
    public async Task Close_WhileAMeterChangeIsOpen_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        await TakeCheckCardReading(counter);
        counter.InsertBlank();
        var userReader = new InMemoryCardReader("user");
        userReader.Insert(card);
        (await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, userReader, opening.AccountId)).Success.ShouldBeTrue();
        userReader.Remove();
        counter.Insert(card);

        (await counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader)).Refusal!.Message.ShouldContain("a meter change is open");
    }

    [Theory, BothStores]
    public async Task Close_WithRefundAndArrears_TheBookShowsRefundAndClosingAndTheAccountCheckAgrees(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50)); // 25.00
        counter.Swipe(card);
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(5m), "meter box").Success.ShouldBeTrue();
        await TakeCheckCardReading(counter);
        counter.Insert(card);
        (await counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader)).Value.Refunded.ShouldBe(Money.FromUnits(20m));

        var book = counter.Office.Ledger.Book(counter.Admin, opening.AccountId).Value;

        book.Status.ShouldBe(AccountStatus.Closed);
        book.Lines.Select(l => l.Kind).ShouldBe([BookLineKind.Charge, BookLineKind.Sale, BookLineKind.Refund, BookLineKind.Closed]); // one moment: charges first
        var refund = book.Lines[2];
        refund.Paid.ShouldBe(Money.FromUnits(-20m));
        refund.Collected.ShouldBe(Money.FromUnits(5m));
        book.Arrears.ShouldBe(Money.Zero);
        book.Paid.ShouldBe(Money.FromUnits(5m)); // 25.00 in, 20.00 back
        var check = counter.Office.Ledger.Check(counter.Admin, opening.AccountId).Value;
        check.Disagreements.ShouldBeEmpty();
        counter.Office.Reports.AccountBook(counter.Admin, opening.AccountId, new ReportFilter()).Success.ShouldBeTrue("a closed account keeps its account report");
        var registration = counter.Office.Reports.Registration(counter.Admin, new ReportFilter()).Value;
        registration.Rows.Sum(r => r[registration.Column("accounts opened")].Number).ShouldBe(1);
        registration.Rows.Sum(r => r[registration.Column("accounts closed")].Number).ShouldBe(1);
    }

    [Theory, BothStores]
    public async Task Close_SiteKeepsTheCredit_TheArrearsLeftAreReceivableAndTheAccountCheckAgrees(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(5m), "meter box").Success.ShouldBeTrue();
        counter.Office.Closings.SetRule(counter.Admin, ClosingRule.Keep).Success.ShouldBeTrue();
        await TakeCheckCardReading(counter);
        counter.Insert(card);
        (await counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader)).Value.ArrearsLeft.ShouldBe(Money.FromUnits(5m));

        var owing = counter.Office.Ledger.Receivables(counter.Admin, new ReportFilter()).Value.Accounts.ShouldHaveSingleItem();

        owing.AccountId.ShouldBe(opening.AccountId);
        owing.Status.ShouldBe(AccountStatus.Closed);
        owing.Arrears.ShouldBe(Money.FromUnits(5m));
        counter.Office.Ledger.Book(counter.Admin, opening.AccountId).Value.Lines[^1].Kind.ShouldBe(BookLineKind.Closed);
        counter.Office.Ledger.Check(counter.Admin, opening.AccountId).Value.Disagreements.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task Close_AfterATransfer_ValuesTheCreditOverThePurchasesOfTheAccountsTheMeterCameFrom(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(100)); // 50.00 at 0.50
        counter.Swipe(card);
        counter.Insert(card);
        var moved = (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader,
            new TransferTo.NewCustomer(new CustomerDetails("Zhang San", "", "1 River Road", "", "", "", "residential")), "sold the flat")).Value;
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.AccountId.ShouldBe(moved.ToAccount); // 5.00
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded); // 10 preset + 100 + 10 = 120 kWh
        await TakeCheckCardReading(counter);
        counter.Insert(card);

        var closing = (await counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader)).Value;

        // The last 10 (5.00), then the 100 the first customer bought (50.00), then the preset (nothing).
        closing.Remaining.Hundredths.ShouldBe(12_000);
        closing.CreditValue.ShouldBe(Money.FromUnits(55m));
    }

    /// <summary>A check card written at the counter, read by MeterA and brought back: its reading goes into the books.</summary>
    internal static async Task TakeCheckCardReading(Counter counter)
    {
        var check = counter.InsertBlank();
        (await counter.Office.Cards.IssueToolCardAsync(counter.Admin, counter.Reader, CardKind.Check, Counter.Group, Counter.MeterA)).Success.ShouldBeTrue();
        counter.Swipe(check).Result.ShouldBe(MeterResult.Read);
        counter.Insert(check);
        (await counter.Office.Cards.TakeReadingAsync(counter.Admin, counter.Reader)).Value.Source.ShouldBe(ReadingSource.CheckCard);
    }

    [Theory, BothStores]
    public async Task Close_PartnerPaymentWaitingForTheCard_IsRefusedUntilItIsCollected(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        var partner = counter.Office.Payments.AddPartner(counter.Admin, "River Bank").Value.ApiKey;
        counter.Office.Payments.Take(partner, new PaymentRequest("bank-1", null, opening.AccountId, Money.FromUnits(10), "")).Success.ShouldBeTrue();
        await TakeCheckCardReading(counter);
        counter.Insert(card);

        var refused = await counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader);

        refused.Refusal!.Message.ShouldContain("waiting for the card");
        counter.Office.Meters.File(counter.Admin, Counter.MeterA).Value.Meter.Status.ShouldBe(MeterStatus.Installed);
    }

}
