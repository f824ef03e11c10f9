using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Amendments;

/// <summary>docs/vending.md, "Amendments": a capacity change (增容) and its set card, rules K1–K6.</summary>
public sealed class CapacityChangeTests
{
    [Theory, BothStores]
    public async Task ChangeCapacity_SetCardTakenByTheMeter_SetsItsPowerLimitKeepsItsCreditAndIsRecorded(Store store)
    {
        using var counter = new Counter(store);
        var (opening, userCard) = counter.OpenAccount(Counter.Kwh(40));
        counter.Swipe(userCard).Result.ShouldBe(MeterResult.Loaded);
        var setCard = counter.InsertBlank();

        var change = await counter.Office.Amendments.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 6_000, "air conditioner");

        change.Value.PreviousWatts.ShouldBe(10_000); // the group's power limit until the first change
        change.Value.Watts.ShouldBe(6_000);
        counter.CardInReader().Kind.ShouldBe(CardKind.Set);
        counter.CardInReader().Parameters!.Value.PowerLimitWatts.ShouldBe(6_000u);
        counter.Swipe(setCard).Result.ShouldBe(MeterResult.Configured);
        var meter = counter.MeterOf(Counter.MeterA).Snapshot();
        meter.Parameters.PowerLimitWatts.ShouldBe(6_000u);
        meter.Remaining.Hundredths.ShouldBe(5_000); // 10 preset + 40: a set card leaves the credit alone
        counter.Office.Amendments.History(counter.Admin, opening.AccountId).Value.CapacityWatts.ShouldBe(6_000);
        counter.Office.Meters.File(counter.Admin, Counter.MeterA).Value.History.ShouldContain(h => h.Event == "capacity" && h.Detail.Contains("10000 W -> 6000 W"));

        counter.InsertBlank();
        var second = await counter.Office.Amendments.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 8_000, "heat pump");
        second.Value.PreviousWatts.ShouldBe(6_000);
        counter.Insert(userCard);
        (await counter.Sell(Counter.Kwh(5))).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public async Task ChangeCapacity_OutsideTheGroupsRangeOrUnchanged_IsRefusedAndTheCardStaysBlank(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        var blank = counter.InsertBlank();
        var amend = counter.Office.Amendments;

        (await amend.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 10_001, "x")).Refusal!.Message.ShouldContain("100 to 10000 W");
        (await amend.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 99, "x")).Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        (await amend.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 10_000, "x")).Refusal!.Message.ShouldContain("10000 W already");
        (await amend.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 5_000, "")).Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        (await amend.ChangeCapacityAsync(counter.Admin, counter.Reader, 999, 5_000, "x")).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);

        blank.Memory.ToArray().ShouldBe(Counter.Layout.NewImage());
        amend.History(counter.Admin, opening.AccountId).Value.Capacities.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task ChangeCapacity_WhileAMeterChangeIsOpen_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, userCard) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(userCard);
        counter.InsertBlank();
        var userReader = new InMemoryCardReader("user");
        userReader.Insert(userCard);
        (await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, userReader, opening.AccountId)).Success.ShouldBeTrue();
        counter.InsertBlank();

        var refused = await counter.Office.Amendments.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 5_000, "x");

        refused.Refusal!.Message.ShouldContain("meter change open");
    }

    [Theory, BothStores]
    public async Task ChangeCapacity_CashierOrACardThatIsNotBlank_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
        var cashier = counter.Office.Operators.Login("wang", "cashier-pass").Value;

        (await counter.Office.Amendments.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 5_000, "x")).Refusal!.Message.ShouldContain("blank card");
        counter.InsertBlank();
        (await counter.Office.Amendments.ChangeCapacityAsync(cashier, counter.Reader, opening.AccountId, 5_000, "x")).Refusal!.Reason.ShouldBe(RefusalReason.NoPermission);
    }

    [Theory, BothStores]
    public async Task ChangeCapacity_SameWattsAfterAMeterChange_IsWrittenIntoTheNewMeter(Store store)
    {
        using var counter = new Counter(store);
        var (opening, userCard) = counter.OpenAccount(Counter.Kwh(40));
        counter.Swipe(userCard);
        counter.InsertBlank();
        (await counter.Office.Amendments.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 6_000, "air conditioner")).Success.ShouldBeTrue();
        var changeCard = counter.InsertBlank();
        var userReader = new InMemoryCardReader("user");
        userReader.Insert(userCard);
        (await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, userReader, opening.AccountId)).Success.ShouldBeTrue();
        counter.Swipe(changeCard).Result.ShouldBe(MeterResult.CreditTransferred);
        counter.ConfigureMeter(Counter.MeterB);
        var changeReader = new InMemoryCardReader("change");
        changeReader.Insert(changeCard);
        userReader.Remove();
        counter.Insert(userCard);
        (await counter.Office.MeterChanges.CompleteAsync(counter.Admin, changeReader, counter.Reader, Counter.MeterB)).Success.ShouldBeTrue();
        counter.InsertBlank();

        var again = await counter.Office.Amendments.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 6_000, "the new meter");

        again.Value.Meter.ShouldBe(Counter.MeterB);
        again.Value.PreviousWatts.ShouldBe(6_000);
        counter.InsertBlank();
        (await counter.Office.Amendments.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 6_000, "x")).Refusal!.Message.ShouldContain("already");
    }

    [Theory, BothStores]
    public async Task ChangeCapacity_AfterATransfer_TheNewAccountStartsFromTheCapacityItsMeterWasSetTo(Store store)
    {
        using var counter = new Counter(store);
        var (opening, userCard) = counter.OpenAccount(Counter.Kwh(40));
        counter.Swipe(userCard).Result.ShouldBe(MeterResult.Loaded);
        counter.InsertBlank();
        (await counter.Office.Amendments.ChangeCapacityAsync(counter.Admin, counter.Reader, opening.AccountId, 6_000, "air conditioner")).Success.ShouldBeTrue();
        counter.Insert(userCard);
        var moved = (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader,
            new TransferTo.NewCustomer(new CustomerDetails("Zhang San", "", "1 River Road", "", "", "", "residential")), "sold the flat")).Value;

        counter.Office.Amendments.History(counter.Admin, moved.ToAccount).Value.CapacityWatts.ShouldBe(6_000, "the meter went on with its set power limit");
        counter.InsertBlank();
        (await counter.Office.Amendments.ChangeCapacityAsync(counter.Admin, counter.Reader, moved.ToAccount, 6_000, "again")).Refusal!.Message.ShouldContain("6000 W already");
        counter.InsertBlank();
        (await counter.Office.Amendments.ChangeCapacityAsync(counter.Admin, counter.Reader, moved.ToAccount, 8_000, "heat pump")).Value.PreviousWatts.ShouldBe(6_000);
    }

}
