using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Records;

public sealed class CardRecordTests
{
    private static readonly JsonSerializerOptions CamelCase = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    [Fact]
    public void Purchase_SetInTheCardsUnit_ReadsBackTheSameAmount() =>
        Prop.ForAll(Amounts().ToArbitrary(), amount =>
        {
            var record = Some.UserCard("pm-ref-v1") with { CreditUnit = amount.Unit, Purchase = amount };
            record.Purchase.ShouldBe(amount);
            (record with { Purchase = amount }).ShouldBe(record);
        }).QuickCheckThrowOnFailure(1_000);

    [Fact]
    public void Purchase_InAnotherUnit_Refused()
    {
        var card = Some.UserCard("pm-ref-v1");

        Should.Throw<ArgumentException>(() => card with { Purchase = CreditAmount.Of(Money.FromHundredths(500)) })
            .Message.ShouldContain("a purchase in Money on a card whose credit unit is Energy");
    }

    [Fact]
    public void Serialized_KeepsPurchaseHundredthsWhereItWas()
    {
        // `vend card inspect --json` serialises the record by reflection: its names and their order are output.
        var card = Some.UserCard("pm-ref-v1", kwh: 12.5m);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(card, CamelCase));

        json.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe([
            "kind", "layout", "creditUnit", "supplyGroup", "meterNumber", "customerNumber", "cardSerial", "purchaseCount",
            "purchaseHundredths", "price", "parameters", "returnWrite", "purchase"]);
        json.RootElement.GetProperty("purchaseHundredths").GetInt64().ShouldBe(1250);
    }

    private static Gen<CreditAmount> Amounts() =>
        from unit in Gen.Elements(Enum.GetValues<CreditUnit>())
        from hundredths in Gen.Choose(0, int.MaxValue)
        select new CreditAmount(unit, hundredths);
}
