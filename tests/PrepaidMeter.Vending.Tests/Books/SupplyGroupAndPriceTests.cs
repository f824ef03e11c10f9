using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Tests.Books;

public sealed class SupplyGroupAndPriceTests
{
    private static SupplyGroupDefinition Group(ulong code) => new(SupplyGroupCode.From(code), $"g{code}", "A1B2C3D4", "pm-ref-energy", "pm-ref-v1",
        CreditUnit.Energy, Kwh(99900), Kwh(1000), Kwh(2000), Kwh(1000), Kwh(0), 10_000);

    private static CreditAmount Kwh(long hundredths) => new(CreditUnit.Energy, hundredths);

    [Theory, BothStores]
    public void AddGroup_BeyondLicence_Refused(Store store)
    {
        using var counter = new Counter(store);
        for (ulong code = 2; code <= 4; code++)
        {
            counter.Office.Groups.Add(counter.Admin, Group(code)).Success.ShouldBeTrue();
        }

        counter.Office.Groups.Add(counter.Admin, Group(5)).Refusal!.Reason.ShouldBe(RefusalReason.Licence);
    }

    [Theory, BothStores]
    public void AddGroup_VendorLayoutFile_IsKeptWholeSoTheGroupWorksOnceTheFileIsGone(Store store)
    {
        using var counter = new Counter(store);
        var file = Path.Combine(Directory.CreateTempSubdirectory("acme-").FullName, "acme-ref.json");
        File.WriteAllText(file, CardLayouts.ReferenceV1.SourceText.Replace("\"pm-ref-v1\"", "\"acme-ref\"", StringComparison.Ordinal));

        counter.Office.Groups.Add(counter.Admin, Group(2) with { Layout = file }).Success.ShouldBeTrue();
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);

        var group = counter.Office.Groups.List(counter.Admin).Value.Single(g => g.Code == SupplyGroupCode.From(2));
        group.Layout.ShouldBe("acme-ref");
        GroupLayouts.Of(group).Sha256.ShouldBe(LayoutCompiler.Load(group.LayoutText!, "kept").GetLayoutOrThrow().Sha256);
        GroupLayouts.Of(group).Id.ShouldBe("acme-ref");
        counter.VerifyLog().ShouldBeEmpty();
    }

    [Theory, BothStores]
    public void AddGroup_ShippedLayout_IsNamedByItsIdAlone(Store store)
    {
        using var counter = new Counter(store);

        counter.Office.Groups.Add(counter.Admin, Group(2)).Success.ShouldBeTrue();

        var group = counter.Office.Groups.List(counter.Admin).Value.Single(g => g.Code == SupplyGroupCode.From(2));
        group.LayoutText.ShouldBeNull();
        GroupLayouts.Of(group).ShouldBeSameAs(CardLayouts.ReferenceV1);
    }

    [Theory, BothStores]
    public void AddGroup_LayoutTextThatDoesNotCompile_RefusedNamingTheLayout(Store store)
    {
        using var counter = new Counter(store);

        var refused = counter.Office.Groups.Add(counter.Admin, Group(2) with { Layout = "acme-ref", LayoutText = "{ \"id\": \"acme-ref\" }" });

        refused.Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        refused.Refusal.Message.ShouldStartWith("layout: layout 'acme-ref': ");
    }

    [Theory, BothStores]
    public void Group_SecretNeverShownInFull(Store store)
    {
        using var counter = new Counter(store);

        var group = counter.Office.Groups.List(counter.Admin).Value.Single();

        group.MaskedSecret.ShouldBe("50…30");
        counter.Office.Queries.OperationLog(counter.Admin, new QueryFilter()).Value.ShouldAllBe(e => !e.Detail.Contains("5052455041494430"));
    }

    [Theory, BothStores]
    public void AddGroup_Alarm2AboveAlarm1_RefusedNamingTheRule(Store store)
    {
        using var counter = new Counter(store);

        var refused = counter.Office.Groups.Add(counter.Admin, Group(2) with { Alarm2 = Kwh(5000) });

        refused.Refusal!.Message.ShouldContain("alarm2 (50.00 kWh) is above alarm1");
    }

    [Theory, BothStores]
    public void AddGroup_AmountInAnotherUnit_Refused(Store store)
    {
        using var counter = new Counter(store);

        var refused = counter.Office.Groups.Add(counter.Admin, Group(2) with { Preset = CreditAmount.Of(Money.FromHundredths(1000)) });

        refused.Refusal!.Message.ShouldContain("must be in the group's credit unit, Energy");
    }

    [Theory, BothStores]
    public async Task Adjust_WithEffectiveDate_SalesBeforeKeepOldPrice(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Office.Prices.Adjust(counter.Admin, counter.Residential, """{"kind":"flat","price":"0.6000"}""", Testing.Some.Moment.AddDays(1)).Success.ShouldBeTrue();
        counter.Insert(card);

        (await counter.Sell(Counter.Kwh(10))).Value.Money.ShouldBe(Money.FromUnits(5m));
        counter.Swipe(card);
        counter.Time.Advance(TimeSpan.FromDays(2));
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.Money.ShouldBe(Money.FromUnits(6m));
        counter.Office.Prices.History(counter.Admin, counter.Residential).Value.Count.ShouldBe(2);
    }

    [Theory, BothStores]
    public void Adjust_InThePast_RefusedPointingAtCorrection(Store store)
    {
        using var counter = new Counter(store);

        var refused = counter.Office.Prices.Adjust(counter.Admin, counter.Residential, """{"kind":"flat","price":"0.6000"}""", Testing.Some.Moment.AddDays(-1));

        refused.Refusal!.Message.ShouldContain("use a price correction");
    }

    [Theory, BothStores]
    public void Correct_VersionUsedBySale_Refused_UnusedAllowed(Store store)
    {
        using var counter = new Counter(store);
        var version = counter.Office.Prices.History(counter.Admin, counter.Residential).Value.Single();
        counter.Office.Prices.Correct(counter.Admin, version.Id, """{"kind":"flat","price":"0.5200"}""").Value.CorrectedFrom.ShouldNotBeNull();

        counter.OpenAccount(Counter.Kwh(10));

        counter.Office.Prices.Correct(counter.Admin, version.Id, """{"kind":"flat","price":"0.5300"}""").Refusal!.Message.ShouldContain("1 sales used price version");
    }

    [Theory, BothStores]
    public void Delete_PriceUsedByAccount_Refused(Store store)
    {
        using var counter = new Counter(store);
        var unused = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "commercial", false, """{"kind":"flat","price":"0.8000"}""").Value;
        counter.OpenAccount(Counter.Kwh(10));

        counter.Office.Prices.Delete(counter.Admin, counter.Residential).Refusal!.Message.ShouldContain("used by 1 accounts");
        counter.Office.Prices.Delete(counter.Admin, unused.Id).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public void AddType_CompositeTieredAndTimeOfUse_Accepted_BadDefinitionRefusedWithPath(Store store)
    {
        using var counter = new Counter(store);
        var composite = """
            {"kind":"composite","items":[
              {"name":"energy","kind":"energy","tariff":{"kind":"tiered","blocks":[{"upTo":"200","price":"0.5283"},{"price":"0.8283"}]}},
              {"name":"fund","kind":"surcharge","tariff":{"kind":"flat","price":"0.0100"}},
              {"name":"vat","kind":"tax","basisPoints":1300}]}
            """;
        counter.Office.Prices.AddType(counter.Admin, Counter.Group, "composite", false, composite).Success.ShouldBeTrue();
        counter.Office.Prices.AddType(counter.Admin, Counter.Group, "tou", true,
            """{"kind":"time-of-use","periods":[{"name":"valley","from":"00:00","price":"0.3"},{"name":"peak","from":"08:00","price":"0.9"}]}""").Success.ShouldBeTrue();

        var bad = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "bad", false, """{"kind":"tiered","blocks":[{"upTo":"x","price":"0.5"}]}""");

        bad.Refusal!.Message.ShouldContain("tariff.blocks[0].upTo");
    }
}
