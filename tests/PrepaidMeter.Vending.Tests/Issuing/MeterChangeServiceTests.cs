using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Issuing;

public sealed class MeterChangeServiceTests
{
    [Theory, BothStores]
    public async Task MeterChange_MovesRemainingMinusNewPresetOntoUserCard(Store store)
    {
        using var counter = new Counter(store);
        var (opening, userCard) = counter.OpenAccount(Counter.Kwh(40));
        counter.Swipe(userCard).Result.ShouldBe(MeterResult.Loaded); // old meter: 10 preset + 40
        var changeCard = counter.InsertBlank();
        (await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, UserCardIn(userCard), opening.AccountId)).Success.ShouldBeTrue();
        counter.Swipe(changeCard).Result.ShouldBe(MeterResult.CreditTransferred);
        counter.ConfigureMeter(Counter.MeterB);

        var changeReader = new InMemoryCardReader("change");
        changeReader.Insert(changeCard);
        counter.Insert(userCard);
        var transfer = await counter.Office.MeterChanges.CompleteAsync(counter.Admin, changeReader, counter.Reader, Counter.MeterB);

        transfer.Value.Kind.ShouldBe(SaleKind.Transfer);
        transfer.Value.Credit.Hundredths.ShouldBe(4000); // 50 moved, less the new meter's preset of 10
        counter.Swipe(userCard, Counter.MeterB).Result.ShouldBe(MeterResult.Loaded);
        counter.MeterOf(Counter.MeterB).Snapshot().Remaining.Hundredths.ShouldBe(5000);
        counter.Office.Meters.File(counter.Admin, Counter.MeterA).Value.Meter.Status.ShouldBe(MeterStatus.Removed);
        counter.Office.Queries.MeterChanges(counter.Admin, new QueryFilter()).Value.Single().Transferred.Hundredths.ShouldBe(5000);

        // The change card works once.
        counter.Insert(userCard);
        (await counter.Office.MeterChanges.CompleteAsync(counter.Admin, changeReader, counter.Reader, Counter.MeterA)).Success.ShouldBeFalse();
    }

    [Theory, BothStores]
    public async Task MeterChange_ChangeCardNotYetAtMeter_Refused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, userCard) = counter.OpenAccount(Counter.Kwh(40));
        counter.Swipe(userCard);
        var changeCard = counter.InsertBlank();
        await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, UserCardIn(userCard), opening.AccountId);
        var changeReader = new InMemoryCardReader("change");
        changeReader.Insert(changeCard);
        counter.Insert(userCard);

        var refused = await counter.Office.MeterChanges.CompleteAsync(counter.Admin, changeReader, counter.Reader, Counter.MeterB);

        refused.Refusal!.Message.ShouldContain("has not been inserted in meter");
    }

    [Theory, BothStores]
    public async Task IssueChangeCard_UserCardNotSwiped_RefusedAndTheBlankStaysBlank(Store store)
    {
        using var counter = new Counter(store);
        var (opening, userCard) = counter.OpenAccount(Counter.Kwh(40));
        var blank = counter.InsertBlank();

        var refused = await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, UserCardIn(userCard), opening.AccountId);

        refused.Refusal!.Reason.ShouldBe(RefusalReason.CardNotSwiped);
        refused.Refusal.Message.ShouldContain("the meter-change card takes all the meter's credit");
        blank.Memory.ToArray().ShouldBe(Counter.Layout.NewImage());
    }

    [Theory, BothStores]
    public async Task IssueChangeCard_UnknownAccount_Refused(Store store)
    {
        using var counter = new Counter(store);
        var (_, userCard) = counter.OpenAccount(Counter.Kwh(40));
        counter.Swipe(userCard);
        counter.InsertBlank();

        var refused = await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, UserCardIn(userCard), accountId: 99);

        refused.Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
    }

    [Theory, BothStores]
    public async Task Sell_WhileAMeterChangeIsOpen_IsRefused_AndAllowedOnceItIsComplete(Store store)
    {
        using var counter = new Counter(store);
        var (opening, userCard) = counter.OpenAccount(Counter.Kwh(40));
        counter.Swipe(userCard);
        var changeCard = counter.InsertBlank();
        (await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, UserCardIn(userCard), opening.AccountId)).Success.ShouldBeTrue();
        counter.Insert(userCard);

        var refused = await counter.Sell(Counter.Kwh(10));

        refused.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        refused.Refusal.Message.ShouldContain("a meter change is open for meter");
        counter.Swipe(changeCard).Result.ShouldBe(MeterResult.CreditTransferred);
        counter.ConfigureMeter(Counter.MeterB);
        var changeReader = new InMemoryCardReader("change");
        changeReader.Insert(changeCard);
        counter.Insert(userCard);
        (await counter.Office.MeterChanges.CompleteAsync(counter.Admin, changeReader, counter.Reader, Counter.MeterB)).Success.ShouldBeTrue();
        counter.Swipe(userCard, Counter.MeterB).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(userCard);
        (await counter.Sell(Counter.Kwh(10))).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public async Task Recycle_UnusedChangeCard_AbandonsTheChange_AndSalesResume(Store store)
    {
        using var counter = new Counter(store);
        var (opening, userCard) = counter.OpenAccount(Counter.Kwh(40));
        counter.Swipe(userCard);
        counter.InsertBlank();
        (await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, UserCardIn(userCard), opening.AccountId)).Success.ShouldBeTrue();

        (await counter.Office.Cards.RecycleAsync(counter.Admin, counter.Reader)).Success.ShouldBeTrue();
        counter.Insert(userCard);

        (await counter.Sell(Counter.Kwh(10))).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public async Task Recycle_ChangeCardCarryingTheMetersCredit_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, userCard) = counter.OpenAccount(Counter.Kwh(40));
        counter.Swipe(userCard);
        var changeCard = counter.InsertBlank();
        (await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, UserCardIn(userCard), opening.AccountId)).Success.ShouldBeTrue();
        counter.Swipe(changeCard).Result.ShouldBe(MeterResult.CreditTransferred);
        counter.Insert(changeCard);

        var refused = await counter.Office.Cards.RecycleAsync(counter.Admin, counter.Reader);

        refused.Refusal!.Message.ShouldContain("carries meter");
        refused.Refusal.Message.ShouldContain("50.00 kWh");
    }

    private static InMemoryCardReader UserCardIn(MemoryCard card)
    {
        var reader = new InMemoryCardReader("user card");
        reader.Insert(card);
        return reader;
    }
}
