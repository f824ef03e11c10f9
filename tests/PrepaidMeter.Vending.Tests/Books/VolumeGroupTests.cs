using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Books;

/// <summary>
/// A water or gas group (credit in m³, issue 25) is kept as one — never read back as money — with its meter type and
/// sub-meter number; its set cards carry m³; its prices are flat or tiered by m³.
/// </summary>
public sealed class VolumeGroupTests
{
    private static readonly SupplyGroupCode Water = SupplyGroupCode.From(200002);
    private static readonly SupplyGroupCode Gas = SupplyGroupCode.From(200003);

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
    public void AddGroup_VolumeWithoutAMeterType_IsWater_AndGasWhenSaid(Store store)
    {
        using var counter = new Counter(store);

        counter.Office.Groups.Add(counter.Admin, WaterGroup() with { SubMeter = 2 }).Success.ShouldBeTrue();
        counter.Office.Groups.Add(counter.Admin, WaterGroup() with { Code = Gas, Name = "Gasworks", MeterType = Utility.Gas, SubMeter = 3 }).Success.ShouldBeTrue();

        var groups = counter.Office.Groups.List(counter.Admin).Value;
        groups.Single(g => g.Code == Water).ShouldSatisfyAllConditions(g => g.MeterType.ShouldBe(Utility.Water), g => g.SubMeter.ShouldBe(2), g => g.QuantityUnit.ShouldBe("m³"));
        groups.Single(g => g.Code == Gas).MeterType.ShouldBe(Utility.Gas);
        groups.Single(g => g.Code == Counter.Group).ShouldSatisfyAllConditions(g => g.MeterType.ShouldBe(Utility.Electricity), g => g.SubMeter.ShouldBeNull());
    }

    [Theory, BothStores]
    public void AddGroup_SubMeterNumberTaken_RefusedNamingItsGroup(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Groups.Add(counter.Admin, WaterGroup() with { SubMeter = 2 }).Success.ShouldBeTrue();

        var refused = counter.Office.Groups.Add(counter.Admin, WaterGroup() with { Code = Gas, MeterType = Utility.Gas, SubMeter = 2 }).Refusal!;

        refused.Reason.ShouldBe(RefusalReason.Conflict);
        refused.Message.ShouldBe("sub-meter number 2 is supply group 200002's; sub-meter numbers are distinct within the site");
    }

    [Theory]
    [InlineData(0, "a sub-meter number is 1 to 4 (the seeds' four accounts a site), not 0")]
    [InlineData(5, "a sub-meter number is 1 to 4 (the seeds' four accounts a site), not 5")]
    public void AddGroup_SubMeterNumberOutOfRange_Refused(int subMeter, string message)
    {
        using var counter = new Counter();

        counter.Office.Groups.Add(counter.Admin, WaterGroup() with { SubMeter = subMeter }).Refusal!.Message.ShouldBe(message);
    }

    [Theory]
    [InlineData(Utility.Water, CreditUnit.Energy, "a water group counts credit in volume (m³), not energy")]
    [InlineData(Utility.Gas, CreditUnit.Money, "a gas group counts credit in volume (m³), not money")]
    [InlineData(Utility.Electricity, CreditUnit.Volume, "an electricity group counts credit in energy or money, not volume; give meter type water or gas for m³")]
    public void AddGroup_MeterTypeAndCreditUnitDisagree_Refused(Utility type, CreditUnit unit, string message)
    {
        using var counter = new Counter();
        var amount = new CreditAmount(unit, 100);
        var definition = WaterGroup() with
        {
            MeterType = type, CreditUnit = unit, PurchaseLimit = amount, Preset = amount, Alarm1 = amount, Alarm2 = amount, Overdraft = new CreditAmount(unit, 0),
        };

        counter.Office.Groups.Add(counter.Admin, definition).Refusal!.Message.ShouldBe(message);
    }

    [Theory, BothStores]
    public void AddPriceType_VolumeGroup_FlatAndTieredTaken_TimeOfDayRefused(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Groups.Add(counter.Admin, WaterGroup()).Success.ShouldBeTrue();

        counter.Office.Prices.AddType(counter.Admin, Water, "residential water", false, """{"kind":"flat","price":"3.5000"}""").Success.ShouldBeTrue();
        counter.Office.Prices.AddType(counter.Admin, Water, "tiered water", false, """{"kind":"tiered","blocks":[{"upTo":"10","price":"3.5"},{"price":"5"}]}""").Success.ShouldBeTrue();
        var refused = counter.Office.Prices.AddType(counter.Admin, Water, "by the hour", false,
            """{"kind":"time-of-use","periods":[{"name":"valley","from":"00:00","price":"0.3"},{"name":"peak","from":"08:00","price":"0.9"}]}""").Refusal!;

        refused.Reason.ShouldBe(RefusalReason.Invalid);
        refused.Message.ShouldBe("a water or gas price is flat or tiered by quantity; it cannot change with the time of day");
    }

    [Theory, BothStores]
    public void AdjustPrice_VolumeGroupToATimeOfDayPrice_Refused(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Groups.Add(counter.Admin, WaterGroup()).Success.ShouldBeTrue();
        var type = counter.Office.Prices.AddType(counter.Admin, Water, "residential water", false, """{"kind":"flat","price":"3.5000"}""").Value;

        var refused = counter.Office.Prices.Adjust(counter.Admin, type.Id,
            """{"kind":"time-of-use","periods":[{"name":"valley","from":"00:00","price":"0.3"},{"name":"peak","from":"08:00","price":"0.9"}]}""",
            counter.Time.GetUtcNow().AddDays(1)).Refusal!;

        refused.Message.ShouldBe("a water or gas price is flat or tiered by quantity; it cannot change with the time of day");
    }

    [Theory, BothStores]
    public void CorrectPrice_VolumeGroupVersionToATimeOfDayPrice_Refused_TheVersionStands(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Groups.Add(counter.Admin, WaterGroup()).Success.ShouldBeTrue();
        var type = counter.Office.Prices.AddType(counter.Admin, Water, "residential water", false, """{"kind":"flat","price":"3.5000"}""").Value;
        var version = counter.Office.Prices.History(counter.Admin, type.Id).Value.Single();

        var refused = counter.Office.Prices.Correct(counter.Admin, version.Id,
            """{"kind":"time-of-use","periods":[{"name":"valley","from":"00:00","price":"0.3"},{"name":"peak","from":"08:00","price":"0.9"}]}""").Refusal!;

        refused.Message.ShouldBe("a water or gas price is flat or tiered by quantity; it cannot change with the time of day");
        counter.Office.Prices.History(counter.Admin, type.Id).Value.Single().Definition.ShouldBe(version.Definition);
        counter.Office.Prices.Correct(counter.Admin, version.Id, """{"kind":"flat","price":"3.6000"}""").Success.ShouldBeTrue("a flat m³ price corrects it");
    }

    /// <summary>A gas group made before schema step 10 kept no meter type and reads as water, until its type is recorded, once.</summary>
    [Theory, BothStores]
    public void RecordMeterType_GasGroupMadeBeforeMeterTypesWereKept_ReadsAsGasFromThen_AndOnceOnly(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Groups.Add(counter.Admin, WaterGroup() with { Code = Gas, MeterType = Utility.Gas }).Success.ShouldBeTrue();
        counter.Fixture("a group as schema step 9 left it: no meter type", scope =>
            scope.ExecuteCovered(PrepaidMeter.Vending.Audit.AuditedTable.SupplyGroups, "UPDATE supply_groups SET utility = NULL WHERE code = '200003'"));
        counter.Office.Groups.List(counter.Admin).Value.Single(g => g.Code == Gas).MeterType.ShouldBe(Utility.Water);

        var wrong = counter.Office.Groups.RecordMeterType(counter.Admin, Gas, Utility.Electricity).Refusal!;
        var recorded = counter.Office.Groups.RecordMeterType(counter.Admin, Gas, Utility.Gas).Value;
        var again = counter.Office.Groups.RecordMeterType(counter.Admin, Gas, Utility.Water).Refusal!;
        var same = counter.Office.Groups.RecordMeterType(counter.Admin, Gas, Utility.Gas);

        wrong.Message.ShouldBe("supply group 200003 counts credit in volume: it cannot be electricity");
        recorded.MeterType.ShouldBe(Utility.Gas);
        again.Reason.ShouldBe(RefusalReason.Conflict);
        again.Message.ShouldBe("supply group 200003 is gas, recorded when it was made; a meter type never changes");
        same.Value.MeterType.ShouldBe(Utility.Gas, "saying the recorded type again changes nothing");
        counter.VerifyLog().ShouldBeEmpty();
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
