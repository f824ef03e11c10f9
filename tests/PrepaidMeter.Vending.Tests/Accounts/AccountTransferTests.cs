using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Accounts;

public sealed class AccountTransferTests
{
    private static readonly CustomerDetails Zhang = new("Zhang San", "139-0000-0000", "1 River Road", "North", "L1", "T1", "residential");

    [Theory, BothStores]
    public async Task Transfer_SwipedCard_NewAccountContinuesCountAndCardAndTheMeterTakesTheNextSale(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);

        var transfer = await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader, new TransferTo.NewCustomer(Zhang), "sold the flat");

        var done = transfer.Value;
        done.FromAccount.ShouldBe(opening.AccountId);
        done.FromCustomer.ShouldBe(counter.Customer);
        done.ToName.ShouldBe("Zhang San");
        done.PurchaseCount.Value.ShouldBe(1u);
        done.CardSerial.ShouldBe(opening.CardSerial);
        done.Remaining.ShouldNotBeNull().Hundredths.ShouldBe(2000);
        var newAccount = counter.Office.Accounts.Get(counter.Admin, done.ToAccount).Value;
        newAccount.Customer.ShouldBe(done.ToCustomer);
        newAccount.PurchaseCount.Value.ShouldBe(1u);
        newAccount.CardSerial.ShouldBe(opening.CardSerial);
        counter.Office.Accounts.Get(counter.Admin, opening.AccountId).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);

        // The same card, the same meter: its next purchase is 2, which the meter (bound to the card's customer number) loads.
        var sale = await counter.Sell(Counter.Kwh(5));
        sale.Value.AccountId.ShouldBe(done.ToAccount);
        sale.Value.Customer.ShouldBe(done.ToCustomer);
        sale.Value.PurchaseCount.Value.ShouldBe(2u);
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.MeterOf(Counter.MeterA).Snapshot().CumulativeLoaded.Hundredths.ShouldBe(1500);
    }

    [Theory, BothStores]
    public async Task Transfer_PendingSaleNotSwiped_IsRefusedAndChangesNothing(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));

        var refused = await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader, new TransferTo.NewCustomer(Zhang), "sold");

        refused.Refusal!.Reason.ShouldBe(RefusalReason.CardNotSwiped);
        counter.Office.Accounts.Get(counter.Admin, opening.AccountId).Success.ShouldBeTrue();
        counter.Office.Customers.Search(counter.Admin, "Zhang").Value.ShouldBeEmpty();
        counter.Office.Queries.Transfers(counter.Admin, new QueryFilter()).Value.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task Transfer_OldArrears_StayWithTheOldAccountAndTheNewSaleCollectsNone(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(3), "meter box").Success.ShouldBeTrue();
        counter.Swipe(card);
        counter.Insert(card);

        var done = (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader, new TransferTo.NewCustomer(Zhang), "sold")).Value;
        var sale = await counter.Sell(Counter.Pay(10));

        done.ArrearsKept.ShouldBe(Money.FromUnits(3));
        sale.Value.ArrearsCollected.ShouldBe(Money.Zero);
        var receivable = counter.Office.Ledger.Receivables(counter.Admin, new PrepaidMeter.Vending.Reports.ReportFilter()).Value.Accounts.Single();
        receivable.AccountId.ShouldBe(opening.AccountId);
        receivable.Status.ShouldBe(AccountStatus.Transferred);
        receivable.Arrears.ShouldBe(Money.FromUnits(3));
    }

    [Theory, BothStores]
    public async Task Transfer_ToAnExistingCustomer_EachCustomersPurchasesAreTheirOwn(Store store)
    {
        using var counter = new Counter(store);
        var buyer = counter.Office.Customers.Register(counter.Admin, Zhang).Value.Number;
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        var done = (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader, new TransferTo.Existing(buyer), "let")).Value;
        var second = (await counter.Sell(Counter.Kwh(5))).Value;

        var seller = counter.Office.Queries.Purchases(counter.Admin, new QueryFilter(Customer: counter.Customer)).Value;
        var bought = counter.Office.Queries.Purchases(counter.Admin, new QueryFilter(Customer: buyer)).Value;

        seller.Select(r => r.SaleId).ShouldBe([opening.SaleId]);
        bought.Select(r => r.SaleId).ShouldBe([second.SaleId]);
        counter.Office.Queries.Transfers(counter.Admin, new QueryFilter(Customer: buyer)).Value.Single().Id.ShouldBe(done.Id);
        counter.Office.Queries.Transfers(counter.Admin, new QueryFilter(Customer: counter.Customer)).Value.Single().ToAccount.ShouldBe(done.ToAccount);
        counter.Office.Accounts.List(counter.Admin, counter.Customer).Value.ShouldBeEmpty();
        counter.Office.Accounts.List(counter.Admin, buyer).Value.Single().Id.ShouldBe(done.ToAccount);
        var report = counter.Office.Reports.Registration(counter.Admin, new PrepaidMeter.Vending.Reports.ReportFilter()).Value;
        var registration = report.Rows.Single();
        registration[report.Column("accounts opened")].Number.ShouldBe(1, "the account the transfer made is not a new registration");
        registration[report.Column("accounts transferred")].Number.ShouldBe(1);
    }

    [Theory, BothStores]
    public async Task Transfer_ToTheSameCustomerOrNoOne_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);

        (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader, new TransferTo.Existing(counter.Customer), "sold")).Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader, new TransferTo.Existing(CustomerNumber.From(999_999)), "sold")).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader, new TransferTo.NewCustomer(Zhang), " ")).Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        counter.Office.Queries.Transfers(counter.Admin, new QueryFilter()).Value.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task Transfer_OldCardAfterAReissue_IsRefusedAsReplaced(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.InsertBlank();
        (await counter.Office.Cards.ReissueAsync(counter.Admin, counter.Reader, opening.AccountId, "lost")).Success.ShouldBeTrue();
        counter.Insert(card);

        var refused = await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader, new TransferTo.NewCustomer(Zhang), "sold");

        refused.Refusal!.Message.ShouldContain("replaced by a reissued card");
    }

    [Theory, BothStores]
    public async Task Transfer_ByACashier_IsRefusedForWantOfTransfer(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
        var cashier = counter.Office.Operators.Login("wang", "cashier-pass").Value;

        var refused = await counter.Office.Accounts.TransferAsync(cashier, counter.Reader, new TransferTo.NewCustomer(Zhang), "sold");

        refused.Refusal!.Reason.ShouldBe(RefusalReason.NoPermission);
        refused.Refusal.Message.ShouldContain("'transfer'");
    }

    [Theory, BothStores]
    public async Task Transfer_AfterwardsAReissueOfTheNewAccount_CarriesTheCardsCustomerNumberTheMeterIsBoundTo(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        var done = (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader, new TransferTo.NewCustomer(Zhang), "sold")).Value;
        var reissued = counter.InsertBlank();
        (await counter.Office.Cards.ReissueAsync(counter.Admin, counter.Reader, done.ToAccount, "lost")).Success.ShouldBeTrue();

        counter.CardInReader().CustomerNumber.ShouldBe(counter.Customer);
        counter.Swipe(reissued).Result.ShouldBe(MeterResult.AlreadyLoaded);
        counter.Insert(reissued);
        (await counter.Sell(Counter.Kwh(5))).Value.AccountId.ShouldBe(done.ToAccount);
        counter.Swipe(reissued).Result.ShouldBe(MeterResult.Loaded);
    }

    [Theory, BothStores]
    public async Task Transfer_EditOfTheTransferRow_IsFoundByTheAudit(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader, new TransferTo.NewCustomer(Zhang), "sold")).Success.ShouldBeTrue();
        counter.VerifyLog().ShouldBeEmpty();

        counter.Tampered = true;
        using (var connection = counter.Database.Open())
        {
            Dapper.SqlMapper.Execute(connection, "UPDATE account_transfers SET arrears_kept = 0, reason = 'nothing'").ShouldBe(1);
        }

        counter.VerifyLog().ShouldContain(f => f.ToString().Contains("account_transfers", StringComparison.Ordinal));
    }
}
