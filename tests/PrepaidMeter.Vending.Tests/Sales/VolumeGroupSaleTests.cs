using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Sales;

/// <summary>
/// A supply group counting credit in m³ (issue 25): the back office has no water price yet, so a sale or a correction
/// on it is refused as such — never priced as energy or money — and nothing is written to the card or the books.
/// </summary>
public sealed class VolumeGroupSaleTests
{
    [Theory, BothStores]
    public async Task Sell_GroupCountsVolume_RefusedAsVolumeNotSold_CardAndBooksUntouched(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);
        counter.GroupCountsVolume();
        var before = card.Memory.ToArray();

        var sale = await counter.Sell(Counter.Pay(10m));

        sale.Refusal!.Reason.ShouldBe(RefusalReason.VolumeNotSold);
        sale.Refusal.Message.ShouldBe(
            "supply group 100001 counts credit in m³; the back office cannot sell water or correct a sale of it before issue 25's next step (water prices per meter type)");
        card.Memory.ToArray().ShouldBe(before);
        Sales(counter).ShouldBe(1);
    }

    [Theory, BothStores]
    public async Task Correct_GroupCountsVolume_RefusedAsVolumeNotSold_TheSaleStands(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.GroupCountsVolume();
        var before = card.Memory.ToArray();

        var corrected = await counter.Office.Sales.CorrectAsync(counter.Admin, counter.Reader, Counter.Kwh(40));

        corrected.Refusal!.Reason.ShouldBe(RefusalReason.VolumeNotSold);
        card.Memory.ToArray().ShouldBe(before);
        Sales(counter).ShouldBe(1);
    }

    private static long Sales(Counter counter)
    {
        using var connection = counter.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sales");
    }
}
