using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Issuing;

public sealed class MeterChangeVolumeTests
{
    /// <summary>The change card empties the old meter, so it is refused before it is written: no water credit is stranded on it.</summary>
    [Theory, BothStores]
    public async Task IssueChangeCard_GroupCountsVolume_RefusedAsVolumeNotSold_TheBlankStaysBlank(Store store)
    {
        using var counter = new Counter(store);
        var (opening, userCard) = counter.OpenAccount(Counter.Kwh(40));
        counter.Swipe(userCard).Result.ShouldBe(MeterResult.Loaded);
        counter.GroupCountsVolume();
        var blank = counter.InsertBlank();
        var userReader = new InMemoryCardReader("user card");
        userReader.Insert(userCard);

        var refused = await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, userReader, opening.AccountId);

        refused.Refusal!.Reason.ShouldBe(RefusalReason.VolumeNotSold);
        refused.Refusal.Message.ShouldContain("cannot move water credit onto a new meter");
        blank.Memory.ToArray().ShouldBe(Counter.Layout.NewImage());
    }

    [Theory, BothStores]
    public async Task Complete_GroupCountsVolumeOnceTheChangeCardIsWritten_RefusedAsVolumeNotSold_UserCardUntouched(Store store)
    {
        using var counter = new Counter(store);
        var (opening, userCard) = counter.OpenAccount(Counter.Kwh(40));
        counter.Swipe(userCard).Result.ShouldBe(MeterResult.Loaded);
        var changeCard = counter.InsertBlank();
        var userReader = new InMemoryCardReader("user card");
        userReader.Insert(userCard);
        (await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, userReader, opening.AccountId)).Success.ShouldBeTrue();
        counter.Swipe(changeCard).Result.ShouldBe(MeterResult.CreditTransferred);
        counter.ConfigureMeter(Counter.MeterB);
        counter.GroupCountsVolume();
        var changeReader = new InMemoryCardReader("change");
        changeReader.Insert(changeCard);
        counter.Insert(userCard);
        var before = userCard.Memory.ToArray();

        var refused = await counter.Office.MeterChanges.CompleteAsync(counter.Admin, changeReader, counter.Reader, Counter.MeterB);

        refused.Refusal!.Reason.ShouldBe(RefusalReason.VolumeNotSold);
        userCard.Memory.ToArray().ShouldBe(before);
    }
}
