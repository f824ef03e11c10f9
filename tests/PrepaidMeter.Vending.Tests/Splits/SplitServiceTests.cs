using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Splits;

/// <summary>docs/vending.md, "Proportion of energy consuming" (用电比例), rules E1–E9, on both stores.</summary>
public sealed class SplitServiceTests
{
    [Theory, BothStores]
    public async Task Sell_SixtyFortyAtResidentialAndCommercial_PricedShareByShare_TheReceiptAndQueryShowEachShare(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        var (_, sharer) = counter.SplitEnergy(opening.AccountId);
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);

        var receipt = (await counter.Sell(Counter.Kwh(10))).Value;

        receipt.Money.ShouldBe(Money.FromUnits(7m));
        receipt.Energy.ShouldBe(Energy.FromKilowattHours(10m));
        receipt.Shares!.Select(s => $"{s.Customer} {s.PriceType} {s.Percent} {s.Energy} {s.Money}").ShouldBe(
            [$"{counter.Customer} residential 60.00% 6.00 kWh 3.00", $"{sharer} commercial 40.00% 4.00 kWh 4.00"]);
        var lines = counter.Office.Splits.Shares(counter.Admin, new QueryFilter(Meter: Counter.MeterA)).Value;
        lines.Select(l => (l.ReceiptNumber, l.Customer, l.Money)).ShouldBe([(receipt.ReceiptNumber, counter.Customer, Money.FromUnits(3m)), (receipt.ReceiptNumber, sharer, Money.FromUnits(4m))]);
        counter.Office.Splits.Shares(counter.Admin, new QueryFilter(sharer)).Value.ShouldHaveSingleItem().Energy.ShouldBe(Energy.FromKilowattHours(4m));
        var before = counter.MeterOf(Counter.MeterA).Snapshot().Remaining.Hundredths;
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        (counter.MeterOf(Counter.MeterA).Snapshot().Remaining.Hundredths - before).ShouldBe(1_000, "the meter loads the whole 10 kWh: the split is the books'");
    }

    [Theory, BothStores]
    public async Task Sell_ByMoneyOnASplitMeter_BuysTheMostKwhTheSharesCostAndGivesTheChange(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.SplitEnergy(opening.AccountId, residentialBasisPoints: 5_000);
        counter.Swipe(card);
        counter.Insert(card);

        // 0.75 a kWh on average: 10.00 buys 13.33 kWh (6.67 at 0.50 = 3.34, 6.66 at 1.00 = 6.66), 10.00 exactly.
        var receipt = (await counter.Sell(Counter.Pay(10m))).Value;

        receipt.Energy.ShouldBe(Energy.FromKilowattHours(13.33m));
        receipt.Money.ShouldBe(Money.FromUnits(10m));
        receipt.Shares!.Sum(s => s.Money.Hundredths).ShouldBe(1_000);
    }

    [Theory, BothStores]
    public async Task Sell_TieredSharesEachCountTheirOwnKwhThisMonth(Store store)
    {
        using var counter = new Counter(store, price: """{"kind":"tiered","blocks":[{"upTo":"5","price":"0.5000"},{"price":"0.8000"}]}""");
        var (opening, card) = counter.OpenAccount(Counter.Kwh(1));
        var second = counter.Office.Customers.Register(counter.Admin, new CustomerDetails("Wang Fang", "", "2 River Road", "North", "L1", "T1", "residential")).Value.Number;
        counter.Office.Splits.Set(counter.Admin, opening.AccountId,
            [new ShareRequest(counter.Customer, counter.Residential, 5_000), new ShareRequest(second, counter.Residential, 5_000)], "two flats, one meter").Refusal.ShouldBeNull();

        // Each flat gets 5 kWh of the first block, then its next 5 kWh at the second: the opening's 1 kWh was no share's.
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.Money.ShouldBe(Money.FromUnits(5m));
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.Money.ShouldBe(Money.FromUnits(8m));
    }

    [Theory, BothStores]
    public void Set_BadShares_AreRefusedAndNothingIsRecorded(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        var (commercial, sharer) = counter.SplitEnergy(opening.AccountId);
        var splits = counter.Office.Splits;
        var id = opening.AccountId;
        VendResult<AccountSplit> Set(params ShareRequest[] shares) => splits.Set(counter.Admin, id, shares, "test");

        Set(new ShareRequest(counter.Customer, counter.Residential, 6_000), new ShareRequest(sharer, commercial, 3_000)).Refusal!.Message.ShouldContain("sum to 100.00%");
        Set(new ShareRequest(counter.Customer, counter.Residential, 10_000)).Refusal!.Message.ShouldContain("2 to 8 shares");
        Set(new ShareRequest(counter.Customer, counter.Residential, 5_000), new ShareRequest(counter.Customer, counter.Residential, 5_000)).Refusal!.Message.ShouldContain("named twice");
        Set(new ShareRequest(counter.Customer, counter.Residential, 5_000), new ShareRequest(CustomerNumber.From(999_999), commercial, 5_000)).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        Set(new ShareRequest(counter.Customer, counter.Residential, 5_000), new ShareRequest(sharer, 9_999, 5_000)).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        Set(new ShareRequest(counter.Customer, counter.Residential, 6_000), new ShareRequest(sharer, commercial, 4_000)).Refusal!.Message.ShouldContain("split so already");
        splits.Set(counter.Admin, id, [new(counter.Customer, counter.Residential, 5_000), new(sharer, commercial, 5_000)], " ").Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        splits.Set(counter.Admin, 9_999, [new(counter.Customer, counter.Residential, 5_000), new(sharer, commercial, 5_000)], "x").Refusal!.Reason.ShouldBe(RefusalReason.NotFound);

        splits.History(counter.Admin, id).Value.Changes.ShouldHaveSingleItem().Shares.Select(s => s.BasisPoints).ShouldBe([6_000, 4_000]);
    }

    [Theory, BothStores]
    public void Set_TypeOfAnotherGroup_OrAMoneyGroup_IsRefused(Store store)
    {
        using (var money = new Counter(store, CreditUnit.Money))
        {
            var (opening, _) = money.OpenAccount(Counter.Pay(10m));
            var other = money.Office.Customers.Register(money.Admin, new CustomerDetails("Zhang Min", "", "", "North", "L1", "T1", "commercial")).Value.Number;
            money.Office.Splits.Set(money.Admin, opening.AccountId, [new(money.Customer, money.Residential, 5_000), new(other, money.Residential, 5_000)], "x")
                .Refusal!.Message.ShouldContain("only a meter sold kWh at the counter can be split");
        }

        using var counter = new Counter(store);
        var (account, _) = counter.OpenAccount(Counter.Kwh(10));
        var south = SupplyGroupCode.From(100002);
        counter.Office.Groups.Add(counter.Admin, new SupplyGroupDefinition(south, "South", Convert.ToHexString(Some.GroupSecret), "pm-ref-energy", "pm-ref-v1", CreditUnit.Energy,
            new(CreditUnit.Energy, 99_900), new(CreditUnit.Energy, 1000), new(CreditUnit.Energy, 2000), new(CreditUnit.Energy, 1000), new(CreditUnit.Energy, 500), 10_000)).Success.ShouldBeTrue();
        var southern = counter.Office.Prices.AddType(counter.Admin, south, "southern", false, """{"kind":"flat","price":"1.0000"}""").Value.Id;
        counter.Office.Splits.Set(counter.Admin, account.AccountId, [new(counter.Customer, counter.Residential, 5_000), new(counter.Customer, southern, 5_000)], "x")
            .Refusal!.Message.ShouldContain("belongs to supply group 100002");
    }

    [Theory, BothStores]
    public async Task End_SplitInForce_TheNextSaleIsAtTheAccountsOwnTypeAndTheHistoryKeepsBoth(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.SplitEnergy(opening.AccountId);
        var splits = counter.Office.Splits;

        splits.End(counter.Admin, opening.AccountId, "shop closed").Value.Shares.ShouldBeEmpty();
        splits.End(counter.Admin, opening.AccountId, "again").Refusal!.Message.ShouldContain("is not split");
        counter.Swipe(card);
        counter.Insert(card);
        var receipt = (await counter.Sell(Counter.Kwh(10))).Value;

        receipt.Money.ShouldBe(Money.FromUnits(5m));
        receipt.Shares.ShouldBeNull();
        var history = splits.History(counter.Admin, opening.AccountId).Value;
        history.InForce.ShouldBeNull();
        history.Changes.Select(c => (c.Shares.Count, c.Reason)).ShouldBe([(2, "shop in the house"), (0, "shop closed")]);
    }

    [Theory, BothStores]
    public async Task CorrectAndCancel_OfASplitSale_TheCorrectionIsSplitAgain_TheTakingsCountWhatStands(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.SplitEnergy(opening.AccountId);
        counter.Swipe(card);
        counter.Insert(card);
        await counter.Sell(Counter.Kwh(10));

        var corrected = (await counter.Office.Sales.CorrectAsync(counter.Admin, counter.Reader, Counter.Kwh(20))).Value;
        corrected.Money.ShouldBe(Money.FromUnits(14m));
        corrected.Shares!.Select(s => s.Energy).ShouldBe([Energy.FromKilowattHours(12m), Energy.FromKilowattHours(8m)]);
        (await counter.Office.Sales.CancelAsync(counter.Admin, counter.Reader)).Value.Shares!.Count.ShouldBe(2, "the cancelled receipt keeps its shares");

        var byType = Text(counter.Office.Reports.Classified(counter.Admin, Classification.PriceType, new ReportFilter()).Value);
        // The correction was cancelled: one cancel, under the first share's type; the commercial share's row has nothing that stands.
        byType.ShouldBe(["commercial | 0 | 0.00 | 0.00 | 0.00 | 0 | 0 | 0", "residential | 1 | 10.00 | 5.00 | 0.00 | 0 | 1 | 0"]);
        counter.Audit().Findings.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task Reports_ASplitSale_CountsEachSharesKwhAndMoneyUnderItsTypeAndOnceAsASale(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.SplitEnergy(opening.AccountId);
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(2m), "meter fee").Success.ShouldBeTrue();
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.Money.ShouldBe(Money.FromUnits(9m));

        var filter = new ReportFilter();
        Text(counter.Office.Reports.Classified(counter.Admin, Classification.PriceType, filter).Value).ShouldBe(
            ["commercial | 0 | 4.00 | 4.00 | 0.00 | 0 | 0 | 0", "residential | 2 | 16.00 | 10.00 | 2.00 | 0 | 0 | 0"]);
        var daily = counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Daily, filter).Value;
        daily.Totals![daily.Column("money")].Number.ShouldBe(1_400);
        var commercialOnly = counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Daily, filter with { PriceType = "commercial" }).Value;
        commercialOnly.Totals![commercialOnly.Column("energy kWh")].Number.ShouldBe(400);
        var category = Text(counter.Office.Reports.Classified(counter.Admin, Classification.CustomerCategory, filter).Value);
        category.ShouldBe(["commercial | 0 | 4.00 | 4.00 | 0.00 | 0 | 0 | 0", "residential | 2 | 16.00 | 10.00 | 2.00 | 0 | 0 | 0"]);
    }

    [Theory, BothStores]
    public void PriceDelete_TypeAShareOfASplitInForceUses_IsRefused_AndAllowedOnceTheSplitEnds(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        var (commercial, _) = counter.SplitEnergy(opening.AccountId);

        counter.Office.Prices.Delete(counter.Admin, commercial).Refusal!.Message.ShouldContain("is used by 1 accounts");
        counter.Office.Splits.End(counter.Admin, opening.AccountId, "shop closed").Success.ShouldBeTrue();
        counter.Office.Prices.Delete(counter.Admin, commercial).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public void Set_ByACashierWithoutTheFunction_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        counter.Office.Operators.Add(counter.Admin, "clerk", "Clerk", SeedRoles.Cashier, "cashier-pass-1").Success.ShouldBeTrue();
        var clerk = counter.Office.Operators.Login("clerk", "cashier-pass-1").Value;

        counter.Office.Splits.Set(clerk, opening.AccountId, [new(counter.Customer, counter.Residential, 5_000), new(counter.Customer, counter.Residential, 5_000)], "x")
            .Refusal!.Reason.ShouldBe(RefusalReason.NoPermission);
    }

    [Theory, BothStores]
    public async Task PriceCorrect_AVersionOnlyASecondShareUsed_IsRefusedLikeAnyUsedVersion(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        var (commercial, _) = counter.SplitEnergy(opening.AccountId);
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Success.ShouldBeTrue();
        var version = counter.Office.Prices.History(counter.Admin, commercial).Value.Single().Id;

        counter.Office.Prices.Correct(counter.Admin, version, """{"kind":"flat","price":"9.0000"}""").Refusal!.Message.ShouldContain("1 sales used price version");
    }

    [Theory, BothStores]
    public async Task Transfer_OfASplitAccount_EndsTheSplit_TheNewAccountSellsUnsplitAndTheTypeMayGo(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        var (commercial, _) = counter.SplitEnergy(opening.AccountId);
        counter.Swipe(card);
        counter.Insert(card);

        var moved = (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader,
            new TransferTo.NewCustomer(new CustomerDetails("Zhao Lei", "", "", "North", "L1", "T1", "residential")), "sold")).Value;

        counter.Office.Splits.History(counter.Admin, opening.AccountId).Value.InForce.ShouldBeNull("the old account is not open: its split is in force nowhere");
        counter.Office.Splits.History(counter.Admin, opening.AccountId).Value.Changes.ShouldHaveSingleItem();
        counter.Office.Splits.History(counter.Admin, moved.ToAccount).Value.Changes.ShouldBeEmpty();
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.Shares.ShouldBeNull();
        counter.Office.Prices.Delete(counter.Admin, commercial).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public async Task Sell_TieredAfterTheSplitEnds_CountsTheHoldersOwnShareNotTheOthers(Store store)
    {
        using var counter = new Counter(store, price: """{"kind":"tiered","blocks":[{"upTo":"8","price":"0.5000"},{"price":"0.8000"}]}""");
        var (opening, card) = counter.OpenAccount(Counter.Kwh(1));
        var second = counter.Office.Customers.Register(counter.Admin, new CustomerDetails("Wang Fang", "", "2 River Road", "North", "L1", "T1", "residential")).Value.Number;
        counter.Office.Splits.Set(counter.Admin, opening.AccountId,
            [new ShareRequest(counter.Customer, counter.Residential, 5_000), new ShareRequest(second, counter.Residential, 5_000)], "two flats, one meter").Refusal.ShouldBeNull();
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.Money.ShouldBe(Money.FromUnits(5m));
        counter.Office.Splits.End(counter.Admin, opening.AccountId, "second flat has its own meter").Success.ShouldBeTrue();

        // 1 kWh opening + the holder's own 5 kWh share = 6 used: 2 kWh left in the first block, then 1 kWh at 0.80.
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(3))).Value.Money.ShouldBe(Money.FromUnits(1.8m));
    }

    private static IReadOnlyList<string> Text(ReportTable report) =>
        [.. report.Rows.Select(r => string.Join(" | ", r.Select((c, i) => c.Format(report.Columns[i].Kind))))];
}
