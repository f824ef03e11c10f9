using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Issuing;

/// <summary>
/// A water meter changed (换表): the old meter's remaining m³ move to the new one, less the new meter's preset — within one
/// group the old meter's volume at the current price buys that volume again, so m³ move as m³.
/// </summary>
public sealed class MeterChangeWaterTests
{
    [Theory, BothStores]
    public async Task Complete_WaterMeter_CreditsTheOldMetersM3LessThePreset(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Volume, price: """{"kind":"flat","price":"3.5000"}""");
        var (opening, userCard) = counter.OpenAccount(Counter.M3(40m));
        counter.Swipe(userCard).Result.ShouldBe(MeterResult.Loaded);
        var onOldMeter = counter.MeterOf(Counter.MeterA).Snapshot().Remaining;
        var changeCard = counter.InsertBlank();
        var userReader = new InMemoryCardReader("user card");
        userReader.Insert(userCard);
        (await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, userReader, opening.AccountId)).Success.ShouldBeTrue();
        counter.Swipe(changeCard).Result.ShouldBe(MeterResult.CreditTransferred);
        counter.ConfigureMeter(Counter.MeterB);
        var changeReader = new InMemoryCardReader("change");
        changeReader.Insert(changeCard);
        counter.Insert(userCard);

        var receipt = (await counter.Office.MeterChanges.CompleteAsync(counter.Admin, changeReader, counter.Reader, Counter.MeterB)).Value;

        var groupPreset = Volume.FromCubicMetres(10m); // the counter's group presets 10.00
        receipt.Kind.ShouldBe(SaleKind.Transfer);
        receipt.Credit.ShouldBe(CreditAmount.Of(onOldMeter.AsVolume() - groupPreset));
        receipt.Energy.ShouldBe(Energy.Zero);
        receipt.Money.ShouldBe(Money.Zero);
        var before = counter.MeterOf(Counter.MeterB).Snapshot().Remaining.AsVolume();
        counter.Swipe(userCard, Counter.MeterB).Result.ShouldBe(MeterResult.Loaded);
        counter.MeterOf(Counter.MeterB).Snapshot().Remaining.AsVolume().ShouldBe(before + onOldMeter.AsVolume() - groupPreset);
    }
}
