using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Amendments;

/// <summary>docs/vending.md, "Amendments": a power type change (电价类型变更), rules P1–P6.</summary>
public sealed class PowerTypeChangeTests
{
    private const string Commercial = """{"kind":"flat","price":"1.0000"}""";

    [Theory, BothStores]
    public async Task ChangePowerType_FromToday_NextSaleIsPricedAtTheNewTypeAndTheAccountShowsIt(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        var commercial = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "commercial", false, Commercial).Value.Id;

        var change = counter.Office.Amendments.ChangePowerType(counter.Admin, opening.AccountId, commercial, Today(counter), "shop opened");

        change.Value.FromPriceTypeId.ShouldBe(counter.Residential);
        counter.Office.Accounts.Get(counter.Admin, opening.AccountId).Value.PriceTypeId.ShouldBe(commercial);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.Money.ShouldBe(Money.FromUnits(10m));
    }

    [Theory, BothStores]
    public async Task ChangePowerType_FromTomorrow_SalesBeforeKeepTheOldTypeAndSalesFromThenUseTheNew(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        var commercial = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "commercial", false, Commercial).Value.Id;
        counter.Office.Amendments.ChangePowerType(counter.Admin, opening.AccountId, commercial, Today(counter).AddDays(1), "shop opens tomorrow").Success.ShouldBeTrue();

        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.Money.ShouldBe(Money.FromUnits(5m));
        counter.Office.Accounts.Get(counter.Admin, opening.AccountId).Value.PriceTypeId.ShouldBe(counter.Residential);

        counter.Time.Advance(TimeSpan.FromDays(1));
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.Money.ShouldBe(Money.FromUnits(10m));
        var history = counter.Office.Amendments.History(counter.Admin, opening.AccountId).Value.PowerTypes.ShouldHaveSingleItem();
        history.EffectiveFrom.ShouldBe(Today(counter));
        history.PriceTypeId.ShouldBe(commercial);
    }

    [Theory, BothStores]
    public void ChangePowerType_TypeOfAnotherGroupDeletedOrUnknown_IsRefusedAndChangesNothing(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        var south = SupplyGroupCode.From(100002);
        counter.Office.Groups.Add(counter.Admin, new SupplyGroupDefinition(south, "South", Convert.ToHexString(Some.GroupSecret), "pm-ref-energy", "pm-ref-v1", CreditUnit.Energy,
            new(CreditUnit.Energy, 99_900), new(CreditUnit.Energy, 1000), new(CreditUnit.Energy, 2000), new(CreditUnit.Energy, 1000), new(CreditUnit.Energy, 500), 10_000)).Success.ShouldBeTrue();
        var southern = counter.Office.Prices.AddType(counter.Admin, south, "residential", false, Commercial).Value.Id;
        var spare = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "spare", false, Commercial).Value.Id;
        counter.Office.Prices.Delete(counter.Admin, spare).Success.ShouldBeTrue();

        var amend = counter.Office.Amendments;
        amend.ChangePowerType(counter.Admin, opening.AccountId, southern, Today(counter), "x").Refusal!.Message.ShouldContain("belongs to supply group 100002");
        amend.ChangePowerType(counter.Admin, opening.AccountId, spare, Today(counter), "x").Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        amend.ChangePowerType(counter.Admin, opening.AccountId, 9_999, Today(counter), "x").Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        amend.ChangePowerType(counter.Admin, opening.AccountId, counter.Residential, Today(counter), "x").Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        amend.History(counter.Admin, opening.AccountId).Value.PowerTypes.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public void ChangePowerType_DatedYesterdayOrBeforeAScheduledChange_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        var commercial = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "commercial", false, Commercial).Value.Id;
        var amend = counter.Office.Amendments;

        amend.ChangePowerType(counter.Admin, opening.AccountId, commercial, Today(counter).AddDays(-1), "x").Refusal!.Message.ShouldContain("today");
        amend.ChangePowerType(counter.Admin, opening.AccountId, commercial, Today(counter).AddDays(10), "x").Success.ShouldBeTrue();
        amend.ChangePowerType(counter.Admin, opening.AccountId, counter.Residential, Today(counter).AddDays(5), "x").Refusal!.Message.ShouldContain("already changes type on");
        amend.ChangePowerType(counter.Admin, opening.AccountId, commercial, Today(counter).AddDays(12), "x").Refusal!.Message.ShouldContain("already");
        amend.ChangePowerType(counter.Admin, opening.AccountId, commercial, Today(counter), " ").Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
    }

    [Theory, BothStores]
    public void PriceDelete_TypeAnAccountIsScheduledToTake_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        var commercial = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "commercial", false, Commercial).Value.Id;
        counter.Office.Amendments.ChangePowerType(counter.Admin, opening.AccountId, commercial, Today(counter).AddDays(3), "x").Success.ShouldBeTrue();

        counter.Office.Prices.Delete(counter.Admin, commercial).Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
    }

    [Theory, BothStores]
    public void ChangePowerType_Cashier_IsRefusedTheFunction(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        var commercial = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "commercial", false, Commercial).Value.Id;
        counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
        var cashier = counter.Office.Operators.Login("wang", "cashier-pass").Value;

        counter.Office.Amendments.ChangePowerType(cashier, opening.AccountId, commercial, Today(counter), "x").Refusal!.Message.ShouldContain("'amendments'");
    }

    private static DateOnly Today(Counter counter) => DateOnly.FromDateTime(counter.Time.GetUtcNow().UtcDateTime);

    [Theory, BothStores]
    public async Task Transfer_TheTypeInForceAndAChangeStillToCome_GoOnUnderTheNewAccount(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        var commercial = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "commercial", false, Commercial).Value.Id;
        var bulk = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "bulk", false, """{"kind":"flat","price":"2.0000"}""").Value.Id;
        counter.Office.Amendments.ChangePowerType(counter.Admin, opening.AccountId, commercial, Today(counter).AddDays(1), "shop opens tomorrow").Success.ShouldBeTrue();
        counter.Office.Amendments.ChangePowerType(counter.Admin, opening.AccountId, bulk, Today(counter).AddDays(3), "bulk from the third day").Success.ShouldBeTrue();
        counter.Swipe(card);
        counter.Time.Advance(TimeSpan.FromDays(1)); // commercial in force, bulk still to come
        counter.Insert(card);

        var moved = (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader,
            new TransferTo.NewCustomer(new CustomerDetails("Zhang San", "", "1 River Road", "", "", "", "residential")), "sold the shop")).Value;

        counter.Office.Accounts.Get(counter.Admin, moved.ToAccount).Value.PriceTypeId.ShouldBe(commercial);
        counter.Office.Amendments.History(counter.Admin, moved.ToAccount).Value.PowerTypes.ShouldHaveSingleItem().PriceTypeId.ShouldBe(bulk);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.Money.ShouldBe(Money.FromUnits(10m));
        counter.Time.Advance(TimeSpan.FromDays(2));
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.Money.ShouldBe(Money.FromUnits(20m));
    }

    [Theory, BothStores]
    public async Task ClassifiedReport_AfterAChange_EachSaleStaysUnderTheTypeThatPricedIt(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10)); // 5.00 residential
        var commercial = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "commercial", false, Commercial).Value.Id;
        counter.Office.Amendments.ChangePowerType(counter.Admin, opening.AccountId, commercial, Today(counter).AddDays(1), "shop opens tomorrow").Success.ShouldBeTrue();
        counter.Time.Advance(TimeSpan.FromDays(1));
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.Money.ShouldBe(Money.FromUnits(10m)); // commercial

        var report = counter.Office.Reports.Classified(counter.Admin, Classification.PriceType, new ReportFilter()).Value;

        var money = report.Column("money");
        report.Rows.ToDictionary(r => r[0].Format(ColumnKind.Text), r => r[money].Format(ColumnKind.Money))
            .ShouldBe(new Dictionary<string, string> { ["commercial"] = "10.00", ["residential"] = "5.00" }, ignoreOrder: true);
    }

}
