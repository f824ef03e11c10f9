using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Amendments;

/// <summary>docs/vending.md, "Amendments": what the query and the registration report say of the changes made.</summary>
public sealed class AmendmentRecordsTests
{
    [Theory, BothStores]
    public async Task QueryAndRegistration_APowerTypeAndACapacityChange_EachListedWithItsCustomerMeterAndReason(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(40));
        var commercial = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "commercial", false, """{"kind":"flat","price":"1.0000"}""").Value.Id;
        counter.Office.Amendments.ChangePowerType(counter.Admin, opening.AccountId, commercial, DateOnly.FromDateTime(counter.Time.GetUtcNow().UtcDateTime).AddDays(3), "shop")
            .Success.ShouldBeTrue();
        counter.Time.Advance(TimeSpan.FromMinutes(5));
        counter.InsertBlank();
        (await counter.Office.Amendments.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 6_000, "air conditioner")).Success.ShouldBeTrue();

        var all = counter.Office.Amendments.List(counter.Admin, new QueryFilter()).Value;

        all.Select(a => $"{a.Kind}: {a.From} -> {a.To} ({a.Reason})").ShouldBe(["power type: residential -> commercial (shop)", "capacity: 10000 W -> 6000 W (air conditioner)"]);
        all.ShouldAllBe(a => a.Customer == counter.Customer && a.Meter == Counter.MeterA && a.Operator == "admin");
        all[0].EffectiveFrom.ShouldBe(DateOnly.FromDateTime(counter.Time.GetUtcNow().UtcDateTime).AddDays(3));
        all[1].CardSerial.ShouldNotBeNull();
        counter.Office.Amendments.List(counter.Admin, new QueryFilter(Meter: Counter.MeterB)).Value.ShouldBeEmpty();
        counter.Office.Amendments.List(counter.Admin, new QueryFilter(From: counter.Time.GetUtcNow().AddMinutes(-1))).Value.ShouldHaveSingleItem().Kind.ShouldBe("capacity");

        var registration = counter.Office.Reports.Registration(counter.Admin, new ReportFilter()).Value;
        registration.Totals![registration.Column("capacity changes")].Number.ShouldBe(1);
        registration.Totals![registration.Column("power type changes")].Number.ShouldBe(1);
    }
}
