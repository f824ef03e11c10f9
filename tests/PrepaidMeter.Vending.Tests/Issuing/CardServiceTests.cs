using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests.Issuing;

public sealed class CardServiceTests
{
    [Theory, BothStores]
    public async Task Reissue_CardNotSwiped_NewCardCarriesPurchaseOnceAndOldCardRefused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, oldCard) = counter.OpenAccount(Counter.Kwh(10));
        var newCard = counter.InsertBlank();

        var account = await counter.Office.Cards.ReissueAsync(counter.Admin, counter.Reader, opening.AccountId, "lost");

        account.Value.CardSerial.ShouldNotBe(opening.CardSerial);
        counter.Swipe(newCard).Result.ShouldBe(MeterResult.Loaded);
        counter.Swipe(oldCard).Result.ShouldBe(MeterResult.AlreadyLoaded);
        counter.MeterOf(Counter.MeterA).Snapshot().CumulativeLoaded.Hundredths.ShouldBe(1000);
        counter.Insert(oldCard);
        (await counter.Sell(Counter.Kwh(5))).Refusal!.Message.ShouldContain("was replaced by a reissued card");
        counter.Insert(newCard);
        (await counter.Sell(Counter.Kwh(5))).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public async Task Reissue_AfterSwipe_NewCardMustBeSwipedBeforeNextSale(Store store)
    {
        using var counter = new Counter(store);
        var (opening, oldCard) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(oldCard);
        var newCard = counter.InsertBlank();
        await counter.Office.Cards.ReissueAsync(counter.Admin, counter.Reader, opening.AccountId, "broken");

        (await counter.Sell(Counter.Kwh(5))).Refusal!.Reason.ShouldBe(RefusalReason.CardNotSwiped);
        counter.Swipe(newCard).Result.ShouldBe(MeterResult.AlreadyLoaded);
        counter.Insert(newCard);
        (await counter.Sell(Counter.Kwh(5))).Success.ShouldBeTrue();
        counter.Office.Queries.Reissues(counter.Admin, new QueryFilter(Customer: counter.Customer)).Value.Single().Reason.ShouldBe("broken");
    }

    [Theory, BothStores]
    public async Task ToolCards_ClearAndCheck_WorkAtTheMeterAndCheckCardGivesReading(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        var check = counter.InsertBlank();
        (await counter.Office.Cards.IssueToolCardAsync(counter.Admin, counter.Reader, CardKind.Check, Counter.Group, Counter.MeterA)).Success.ShouldBeTrue();

        counter.Swipe(check).Result.ShouldBe(MeterResult.Read);
        counter.Insert(check);
        var reading = await counter.Office.Cards.TakeReadingAsync(counter.Admin, counter.Reader);

        reading.Value.Source.ShouldBe(ReadingSource.CheckCard);
        reading.Value.Remaining.Hundredths.ShouldBe(2000);
        counter.Office.Queries.Readings(counter.Admin, new QueryFilter(Meter: Counter.MeterA)).Value.ShouldContain(r => r.Source == ReadingSource.CheckCard);
    }

    [Theory, BothStores]
    public async Task Recycle_ToolCardBecomesBlank_LiveUserCardRefused(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenAccount(Counter.Kwh(10));
        (await counter.Office.Cards.RecycleAsync(counter.Admin, counter.Reader)).Refusal!.Message.ShouldContain("live card of an open account");

        var tool = counter.InsertBlank();
        await counter.Office.Cards.IssueToolCardAsync(counter.Admin, counter.Reader, CardKind.Test, Counter.Group, default);
        (await counter.Office.Cards.RecycleAsync(counter.Admin, counter.Reader)).Success.ShouldBeTrue();

        tool.Memory.ToArray().ShouldBe(Counter.Layout.NewImage());
    }

    [Theory, BothStores]
    public async Task Sell_CardOfAnotherGroup_RefusedByItsMac(Store store)
    {
        using var counter = new Counter(store);
        var foreign = Some.UserCard("pm-ref-v1");
        Counter.Layout.Encode(foreign, Some.ForeignKeys, out var image).ThrowIfRefused();
        counter.Insert(new MemoryCard(image, Some.ForeignKeys.Psc.Span));

        var sale = await counter.Sell(Counter.Kwh(5));

        sale.Refusal!.Message.ShouldContain("MAC fits none of this site's supply groups");
    }

    [Theory, BothStores]
    public async Task Sell_CardEditedByHand_Refused(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        var edited = card.Memory.ToArray();
        edited[60] ^= 0x01;
        counter.Insert(new MemoryCard(edited, Some.Keys.Psc.Span));

        (await counter.Sell(Counter.Kwh(5))).Refusal!.Reason.ShouldBe(RefusalReason.CardRefused);
    }

    [Theory, BothStores]
    public async Task Reissue_WhileTheAccountsSaleIsPending_IsRefusedAsAWriteInProgress_AndRecordsNothing(Store store)
    {
        var crashAt = (CardWriteStep?)null;
        using var counter = new Counter(store, afterStep: s => { if (s == crashAt) { throw new Crash(); } });
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        crashAt = CardWriteStep.Recorded;
        await Should.ThrowAsync<Crash>(() => counter.Sell(Counter.Kwh(30)));
        crashAt = null;
        var blank = counter.InsertBlank();
        var before = blank.Memory.ToArray();

        // A reissue finds the account by its id, not by a card: the pending row's own insert is what stops it.
        var reissue = await counter.Office.Cards.ReissueAsync(counter.Admin, counter.Reader, opening.AccountId, "lost");

        reissue.Refusal!.Reason.ShouldBe(RefusalReason.Unsettled);
        reissue.Refusal.Message.ShouldContain($"account {opening.AccountId} has a card write in progress (sale by operator '{counter.Admin.Login}'");
        blank.Memory.ToArray().ShouldBe(before);
        counter.Office.Recovery.Pending().Count.ShouldBe(1);
        counter.Office.Queries.Reissues(counter.Admin, new QueryFilter()).Value.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task Recycle_WhileAnEarlierWriteOnTheSameCardIsPending_IsRefusedAsNotSettled(Store store)
    {
        var crashAt = (CardWriteStep?)null;
        using var counter = new Counter(store, afterStep: s => { if (s == crashAt) { throw new Crash(); } });
        counter.OpenAccount(Counter.Kwh(10));
        var check = counter.InsertBlank();
        var issued = await counter.Office.Cards.IssueToolCardAsync(counter.Admin, counter.Reader, CardKind.Check, Counter.Group, Counter.MeterA);
        crashAt = CardWriteStep.Recorded;
        await Should.ThrowAsync<Crash>(() => counter.Office.Cards.RecycleAsync(counter.Admin, counter.Reader));
        crashAt = null;
        var before = check.Memory.ToArray();

        var again = await counter.Office.Cards.RecycleAsync(counter.Admin, counter.Reader);

        again.Refusal!.Reason.ShouldBe(RefusalReason.Unsettled);
        again.Refusal.Message.ShouldContain($"an earlier card write on card {issued.Value.CardSerial} is not settled");
        check.Memory.ToArray().ShouldBe(before);
        counter.Office.Recovery.Pending().Count.ShouldBe(1);
    }

    private sealed class Crash : Exception;
}
