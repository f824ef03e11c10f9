using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Tolerance;

/// <summary>Reset for selling (docs/vending.md, "Error-tolerance selling and reset for selling", rules R1–R7).</summary>
public sealed class CardResetTests
{
    private const string Reason = "purchase area torn";

    [Theory, BothStores]
    public async Task Reset_PurchaseAreaTornBeforeTheSwipe_RewritesTheLastPurchaseAndTheMeterLoadsItOnce(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        Counter.Damage(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Refusal!.Reason.ShouldBe(RefusalReason.CardRefused);
        var before = counter.MeterOf(Counter.MeterA).Snapshot().Remaining.Hundredths;

        var reset = await counter.Office.Tolerance.ResetAsync(counter.Admin, counter.Reader, opening.AccountId, Reason);

        reset.Refusal.ShouldBeNull();
        reset.Value.Kind.ShouldBe("reset");
        reset.Value.Evidence.ShouldBe("unreadable");
        reset.Value.SaleId.ShouldBe(opening.SaleId);
        reset.Value.ReceiptNumber.ShouldBe(opening.ReceiptNumber);
        var written = counter.CardInReader();
        (written.CardSerial, written.PurchaseCount, written.Purchase.Hundredths, written.ReturnWrite).ShouldBe((opening.CardSerial, PurchaseCount.From(1), 5000L, null));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Swipe(card).Result.ShouldBe(MeterResult.AlreadyLoaded);
        (counter.MeterOf(Counter.MeterA).Snapshot().Remaining.Hundredths - before).ShouldBe(5000);
        counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value.Count.ShouldBe(1, "no new money");
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Refusal.ShouldBeNull();
    }

    [Theory, BothStores]
    public async Task Reset_PurchaseAreaTornAfterTheMeterLoadedIt_TheMeterLoadsNothingAndSalesGoOn(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        var before = counter.MeterOf(Counter.MeterA).Snapshot().Remaining.Hundredths;
        Counter.Damage(card);
        counter.Insert(card);

        (await counter.Office.Tolerance.ResetAsync(counter.Admin, counter.Reader, opening.AccountId, Reason)).Refusal.ShouldBeNull();

        counter.Swipe(card).Result.ShouldBe(MeterResult.AlreadyLoaded);
        counter.MeterOf(Counter.MeterA).Snapshot().Remaining.Hundredths.ShouldBe(before);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Refusal.ShouldBeNull();
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
    }

    [Theory, BothStores]
    public async Task Reset_OldCopyOfTheCard_RewritesTheAccountsPurchase(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        var old = card.Memory.ToArray();
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Refusal.ShouldBeNull();
        Overwrite(card, old);
        counter.Insert(card);

        var reset = await counter.Office.Tolerance.ResetAsync(counter.Admin, counter.Reader, opening.AccountId, Reason);

        reset.Value.Evidence.ShouldBe("mismatch");
        reset.Value.Finding.ShouldContain("purchase 1; the books say");
        counter.CardInReader().PurchaseCount.ShouldBe(PurchaseCount.From(2));
        counter.CardInReader().Purchase.Hundredths.ShouldBe(1000);
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
    }

    [Theory, BothStores]
    public async Task Reset_CardAgreesWithTheBooks_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        var image = card.Memory.ToArray();

        var reset = await counter.Office.Tolerance.ResetAsync(counter.Admin, counter.Reader, opening.AccountId, Reason);

        reset.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        reset.Refusal.Message.ShouldContain("nothing to reset");
        card.Memory.ToArray().ShouldBe(image);
    }

    [Theory, BothStores]
    public async Task Reset_CardAheadOfTheBooks_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        Counter.Layout.Encode(counter.CardInReader() with { PurchaseCount = PurchaseCount.From(3) }, Some.Keys, out var ahead).Success.ShouldBeTrue();
        Overwrite(card, ahead);
        counter.Insert(card);

        var reset = await counter.Office.Tolerance.ResetAsync(counter.Admin, counter.Reader, opening.AccountId, Reason);

        reset.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        reset.Refusal.Message.ShouldContain("says purchase 3, beyond the account's 1");
        card.Memory.ToArray().ShouldBe(ahead);
    }

    [Theory, BothStores]
    public async Task Reset_AnotherAccountsCard_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (first, _) = counter.OpenAccount(Counter.Kwh(50));
        var (_, other) = counter.OpenAccount(Counter.Kwh(20), Counter.MeterB);
        Counter.Layout.Encode(counter.CardInReader() with { PurchaseCount = PurchaseCount.From(0) }, Some.Keys, out var behind).Success.ShouldBeTrue();
        Overwrite(other, behind);
        counter.Insert(other);

        var reset = await counter.Office.Tolerance.ResetAsync(counter.Admin, counter.Reader, first.AccountId, Reason);

        reset.Refusal!.Reason.ShouldBe(RefusalReason.CardRefused);
        reset.Refusal.Message.ShouldContain($"not account {first.AccountId}'s card");
    }

    [Theory, BothStores]
    public async Task Reset_BlankCard_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(50));
        counter.InsertBlank();

        var reset = await counter.Office.Tolerance.ResetAsync(counter.Admin, counter.Reader, opening.AccountId, Reason);

        reset.Refusal!.Reason.ShouldBe(RefusalReason.CardRefused);
        reset.Refusal.Message.ShouldContain("reissue");
    }

    [Theory, BothStores]
    public async Task Reset_WithoutReason_IsRefusedAndTheCardIsUntouched(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        Counter.Damage(card);
        var image = card.Memory.ToArray();
        counter.Insert(card);

        var reset = await counter.Office.Tolerance.ResetAsync(counter.Admin, counter.Reader, opening.AccountId, "");

        reset.Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        card.Memory.ToArray().ShouldBe(image);
    }

    [Theory, BothStores]
    public async Task Reset_MeterChangeOpen_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        counter.InsertBlank();
        var userCard = new InMemoryCardReader("user");
        userCard.Insert(card);
        (await counter.Office.MeterChanges.IssueChangeCardAsync(counter.Admin, counter.Reader, userCard, opening.AccountId)).Refusal.ShouldBeNull();
        Counter.Damage(card);
        counter.Insert(card);

        var reset = await counter.Office.Tolerance.ResetAsync(counter.Admin, counter.Reader, opening.AccountId, Reason);

        reset.Refusal!.Message.ShouldContain("a meter change is open");
    }

    private static void Overwrite(MemoryCard card, byte[] image)
    {
        var reader = new InMemoryCardReader("bench");
        reader.Insert(card);
        CardImageIo.WriteChangedAsync(reader, card.Memory.ToArray(), image, Some.Keys.Psc, CancellationToken.None).AsTask().GetAwaiter().GetResult().Success.ShouldBeTrue();
        reader.Remove();
    }

    [Theory, BothStores]
    public async Task Reset_OnAnAccountATransferMade_WritesTheCustomerNumberTheMeterIsBoundTo(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);
        var moved = (await counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader,
            new TransferTo.NewCustomer(new CustomerDetails("Zhang San", "", "1 River Road", "", "", "", "residential")), "sold the flat")).Value;
        Counter.Damage(card);
        counter.Insert(card);

        (await counter.Office.Tolerance.ResetAsync(counter.Admin, counter.Reader, moved.ToAccount, Reason)).Refusal.ShouldBeNull();

        counter.CardInReader().CustomerNumber.ShouldBe(counter.Customer, "the meter is bound to the first customer's number (T4)");
        counter.Swipe(card).Result.ShouldBe(MeterResult.AlreadyLoaded);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Value.AccountId.ShouldBe(moved.ToAccount);
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
    }

}
