using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Books;

/// <summary>
/// A water group (credit in m³, issue 25) is kept as one — never read back as money — and its set cards carry m³; what
/// prices or sells water waits for the next step's water prices and is refused as such.
/// </summary>
public sealed class VolumeGroupTests
{
    private static readonly SupplyGroupCode Water = SupplyGroupCode.From(200002);

    private static SupplyGroupDefinition WaterGroup() => new(Water, "Waterworks", Convert.ToHexString(Some.GroupSecret), "water-ref", "pm-ref-v1",
        CreditUnit.Volume, M3(5000), M3(100), M3(200), M3(100), M3(0), 0);

    private static CreditAmount M3(long hundredths) => CreditAmount.Of(Volume.FromHundredths(hundredths));

    [Theory, BothStores]
    public void AddGroup_Volume_ReadsBackAsVolumeWithItsAmounts(Store store)
    {
        using var counter = new Counter(store);

        counter.Office.Groups.Add(counter.Admin, WaterGroup()).Success.ShouldBeTrue();

        var group = counter.Office.Groups.List(counter.Admin).Value.Single(g => g.Code == Water);
        group.CreditUnit.ShouldBe(CreditUnit.Volume);
        group.PurchaseLimit.ShouldBe(M3(5000));
        group.PurchaseLimit.ToString().ShouldBe("50.00 m³");
    }

    [Theory, BothStores]
    public void AddPriceType_VolumeGroup_RefusedAsVolumeNotSold(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Groups.Add(counter.Admin, WaterGroup()).Success.ShouldBeTrue();

        var refused = counter.Office.Prices.AddType(counter.Admin, Water, "residential", false, """{"kind":"flat","price":"3.5000"}""").Refusal!;

        refused.Reason.ShouldBe(RefusalReason.VolumeNotSold);
        refused.Message.ShouldBe("supply group 200002 counts credit in m³; the back office cannot price water before issue 25's next step (water prices per meter type)");
    }

    [Theory, BothStores]
    public async Task IssueSetCard_VolumeGroup_CarriesItsParametersInM3(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Groups.Add(counter.Admin, WaterGroup()).Success.ShouldBeTrue();
        counter.InsertBlank();

        var set = await counter.Office.Cards.IssueToolCardAsync(counter.Admin, counter.Reader, CardKind.Set, Water, default);

        set.Value.CreditUnit.ShouldBe(CreditUnit.Volume);
        var onCard = Counter.Layout.Decode(counter.Reader.Card!.Memory, Some.Keys).GetRecordOrThrow();
        onCard.CreditUnit.ShouldBe(CreditUnit.Volume);
        onCard.Parameters!.Value.PurchaseLimit.ShouldBe(M3(5000));
    }
}
