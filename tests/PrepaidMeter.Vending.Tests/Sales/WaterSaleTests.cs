using PrepaidMeter.Meter;
using PrepaidMeter.Cards.Records;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Sales;

/// <summary>
/// Selling water (issue 25, docs/water-gas.md "Selling water and gas"): a water group's sale is m³ on the card, paid
/// at the group's water price; asked in m³ or in money; never in kWh; the water meter loads it.
/// </summary>
public sealed class WaterSaleTests
{
    private const string ThreeFifty = """{"kind":"flat","price":"3.5000"}""";

    /// <summary>What the water model's meter holds from the factory (5.00 m³) before any card.</summary>
    private static readonly CreditAmount Preset = Counter.ModelOf(CreditUnit.Volume).PresetCredit;

    [Theory, BothStores]
    public void Open_WaterGroupByVolume_CardCarriesTheM3_PaidAtTheWaterPrice(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Volume, price: ThreeFifty);

        var (receipt, card) = counter.OpenAccount(Counter.M3(10m));

        receipt.Credit.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(10m)));
        receipt.Credit.ToString().ShouldBe("10.00 m³");
        receipt.Money.ShouldBe(Money.FromUnits(35m));
        receipt.Energy.ShouldBe(Energy.Zero);
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.MeterOf(Counter.MeterA).Snapshot().Remaining.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(10m) + Preset.AsVolume()));
    }

    [Theory, BothStores]
    public async Task Sell_WaterGroupByMoney_BuysWholeHundredthsOfAM3_AndChargesTheirExactPrice(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Volume, price: ThreeFifty);
        var (_, card) = counter.OpenAccount(Counter.M3(1m));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);

        var sale = (await counter.Sell(Counter.Pay(10m))).Value;

        // 10.00 buys 2.85 m³ (9.975, rounded to 9.98); 2.86 m³ would cost 10.01.
        sale.Credit.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(2.85m)));
        sale.Money.ShouldBe(Money.FromUnits(9.98m));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.MeterOf(Counter.MeterA).Snapshot().Remaining.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(3.85m) + Preset.AsVolume()));
    }

    /// <summary>阶梯水价: the month's first 10 m³ at 3.50, the rest at 5.00, counting what was sold earlier in the month.</summary>
    [Theory, BothStores]
    public async Task Sell_TieredWaterPrice_CountsTheM3SoldThisMonth(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Volume,
            price: """{"kind":"tiered","blocks":[{"upTo":"10","price":"3.5000"},{"price":"5.0000"}]}""");
        var (opening, card) = counter.OpenAccount(Counter.M3(8m));
        opening.Money.ShouldBe(Money.FromUnits(28m));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);

        var sale = (await counter.Sell(Counter.M3(4m))).Value;

        // 2 m³ left in the first block at 3.50, 2 m³ in the second at 5.00.
        sale.Money.ShouldBe(Money.FromUnits(17m));
    }

    [Theory, BothStores]
    public async Task Sell_WaterGroupAskedForKwh_Refused_NothingWritten(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Volume, price: ThreeFifty);
        var (_, card) = counter.OpenAccount(Counter.M3(1m));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);
        var before = card.Memory.ToArray();

        var refused = (await counter.Sell(Counter.Kwh(5m))).Refusal!;

        refused.Reason.ShouldBe(RefusalReason.Invalid);
        refused.Message.ShouldBe("a water or gas group sells m³ or money, not 5.00 kWh");
        card.Memory.ToArray().ShouldBe(before);
        Sales(counter).ShouldBe(1);
    }

    [Theory, BothStores]
    public async Task Sell_ElectricityGroupAskedForM3_Refused(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10m));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);

        var refused = (await counter.Sell(Counter.M3(5m))).Refusal!;

        refused.Message.ShouldBe("an electricity group sells kWh or money, not 5.00 m³");
        Sales(counter).ShouldBe(1);
    }

    [Theory, BothStores]
    public async Task Correct_WaterSaleBeforeTheSwipe_TheCardCarriesTheNewM3(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Volume, price: ThreeFifty);
        var (_, card) = counter.OpenAccount(Counter.M3(1m));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);
        (await counter.Sell(Counter.M3(6m))).Success.ShouldBeTrue();

        var corrected = (await counter.Office.Sales.CorrectAsync(counter.Admin, counter.Reader, Counter.M3(4m))).Value;

        corrected.Kind.ShouldBe(SaleKind.Correction);
        corrected.Credit.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(4m)));
        corrected.Money.ShouldBe(Money.FromUnits(14m));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.MeterOf(Counter.MeterA).Snapshot().Remaining.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(5m) + Preset.AsVolume()));
    }

    /// <summary>
    /// A lost water card: cancel the sale not yet swiped (the card goes back, the m³ with it), then a new card repeats the
    /// last purchase under its count — the water meter that loaded it ignores it, and the next sale is m³ as before.
    /// </summary>
    [Theory, BothStores]
    public async Task CancelThenReissue_WaterCard_TheMeterLoadsEachPurchaseOnce(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Volume, price: ThreeFifty);
        var (opening, card) = counter.OpenAccount(Counter.M3(4m));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);
        (await counter.Sell(Counter.M3(3m))).Success.ShouldBeTrue();

        var cancelled = (await counter.Office.Sales.CancelAsync(counter.Admin, counter.Reader)).Value;
        counter.InsertBlank();
        var reissued = await counter.Office.Cards.ReissueAsync(counter.Admin, counter.Reader, opening.AccountId, "lost");

        cancelled.Status.ShouldBe(SaleStatus.Cancelled);
        cancelled.Credit.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(3m)));
        reissued.Success.ShouldBeTrue();
        var newCard = counter.Reader.Card!;
        counter.Swipe(newCard).Result.ShouldBe(MeterResult.AlreadyLoaded, "purchase 1 is in the meter already");
        counter.MeterOf(Counter.MeterA).Snapshot().Remaining.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(4m) + Preset.AsVolume()));
        counter.Insert(newCard);
        (await counter.Sell(Counter.M3(2m))).Value.Credit.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(2m)));
        counter.Swipe(newCard).Result.ShouldBe(MeterResult.Loaded);
        counter.MeterOf(Counter.MeterA).Snapshot().Remaining.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(6m) + Preset.AsVolume()));
        counter.Swipe(card).Result.ShouldNotBe(MeterResult.Loaded, "the lost card's serial is refused from then on");
    }

    /// <summary>The seeds' household: one customer, an electricity account and a water account, each on its own card and meter.</summary>
    [Theory, BothStores]
    public async Task Open_CustomerWithAnElectricityAccount_AlsoHoldsAWaterAccountOnItsOwnCard(Store store)
    {
        using var counter = new Counter(store);
        var (power, powerCard) = counter.OpenAccount(Counter.Kwh(50m));
        var waterGroup = SupplyGroupCode.From(200002);
        var tap = MeterNumber.From(777);
        var unit = CreditUnit.Volume;
        counter.Office.Groups.Add(counter.Admin, new SupplyGroupDefinition(waterGroup, "Waterworks", Convert.ToHexString(Testing.Some.GroupSecret), "pm-ref-water", "pm-ref-v1",
            unit, new(unit, 10_000), new(unit, 0), new(unit, 200), new(unit, 100), new(unit, 0), 0) { SubMeter = 2 }).Success.ShouldBeTrue();
        var waterPrice = counter.Office.Prices.AddType(counter.Admin, waterGroup, "residential water", false, ThreeFifty).Value.Id;
        counter.Office.Meters.StockIn(counter.Admin, tap, waterGroup, "").Success.ShouldBeTrue();
        var meter = VirtualMeter.Create(Counter.ModelOf(unit), tap, waterGroup, Testing.Some.Keys, counter.Time);
        var set = counter.InsertBlank();
        (await counter.Office.Cards.IssueToolCardAsync(counter.Admin, counter.Reader, CardKind.Set, waterGroup, tap)).Success.ShouldBeTrue();
        meter.InsertCard(set.Memory.ToArray()).Result.ShouldBe(MeterResult.Configured);
        var waterCard = counter.InsertBlank();

        var water = (await counter.Office.Accounts.OpenAsync(counter.Admin, counter.Reader, counter.Customer, tap, waterPrice, Counter.M3(6m))).Value;

        water.Customer.ShouldBe(power.Customer);
        water.AccountId.ShouldNotBe(power.AccountId);
        water.CardSerial.ShouldNotBe(power.CardSerial);
        water.Credit.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(6m)));
        meter.InsertCard(waterCard.Memory.ToArray()).Result.ShouldBe(MeterResult.Loaded);
        meter.InsertCard(powerCard.Memory.ToArray()).Result.ShouldNotBe(MeterResult.Loaded, "the electricity card is another group's: the water meter refuses it");
        counter.MeterOf(Counter.MeterA).InsertCard(waterCard.Memory.ToArray()).Result.ShouldNotBe(MeterResult.Loaded, "and the electricity meter refuses the water card");
    }

    private static long Sales(Counter counter)
    {
        using var connection = counter.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sales");
    }
}
