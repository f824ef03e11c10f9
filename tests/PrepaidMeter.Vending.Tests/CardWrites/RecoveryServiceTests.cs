using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests.CardWrites;

public sealed class RecoveryServiceTests
{
    private sealed class Crash : Exception;

    /// <summary>A counter whose second sale (30 kWh, after a first of 10 the meter loaded) died at <paramref name="step"/>.</summary>
    private static async Task<(Counter Counter, MemoryCard Card)> SaleKilledAt(Store store, CardWriteStep step)
    {
        var crashAt = (CardWriteStep?)null;
        var counter = new Counter(store, afterStep: s => { if (s == crashAt) { throw new Crash(); } });
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        crashAt = step;
        await Should.ThrowAsync<Crash>(() => counter.Sell(Counter.Kwh(30)));
        crashAt = null;
        return (counter, card);
    }

    [Theory]
    [InlineData(Store.Sqlite, CardWriteStep.Recorded, false)]
    [InlineData(Store.Postgres, CardWriteStep.Recorded, false)]
    [InlineData(Store.Sqlite, CardWriteStep.CardWritten, true)]
    [InlineData(Store.Postgres, CardWriteStep.CardWritten, true)]
    public async Task Recover_AfterCrashAtStep_SettlesByTheCard(Store store, CardWriteStep step, bool saleStands)
    {
        var (counter, card) = await SaleKilledAt(store, step);
        using var _ = counter;

        counter.Office.Recovery.Pending().Count.ShouldBe(1);
        (await counter.Sell(Counter.Kwh(5))).Refusal!.Reason.ShouldBe(RefusalReason.Unsettled);
        var outcome = await counter.Office.Recovery.RecoverAsync(counter.Admin, counter.Reader);

        outcome.Value.Single().Settlement.ShouldContain(saleStands ? "committed" : "discarded");
        counter.Office.Recovery.Pending().ShouldBeEmpty();
        var purchases = counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value;
        purchases.Count.ShouldBe(saleStands ? 2 : 1);
        counter.CardInReader().PurchaseCount.ShouldBe(PurchaseCount.From(saleStands ? 2u : 1u));
        counter.Swipe(card).Result.ShouldBe(saleStands ? MeterResult.Loaded : MeterResult.AlreadyLoaded);
    }

    [Theory, BothStores]
    public async Task Recover_CardLoadedAtTheMeterBeforeRecovery_CommitsTheSale(Store store)
    {
        // The counter died after the card was written; the customer took the card to the meter, which loaded the
        // purchase and wrote its return-write. The card is no longer byte for byte the intended image, yet it is the
        // sale's: recovery must commit it, or the meter has credit the books never sold and the account stays blocked.
        var (counter, card) = await SaleKilledAt(store, CardWriteStep.CardWritten);
        using var _ = counter;
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);

        var outcome = await counter.Office.Recovery.RecoverAsync(counter.Admin, counter.Reader);

        outcome.Value.Single().Settlement.ShouldContain("has been to a meter since");
        counter.Office.Recovery.Pending().ShouldBeEmpty();
        counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value.Count.ShouldBe(2);
        (await counter.Sell(Counter.Kwh(5))).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public async Task Recover_CardLoadedAtTheMeterButTheWriteNeverReachedIt_DiscardsTheSale(Store store)
    {
        // The counter died before the card was written and the card went to the meter, which wrote its return-write on
        // the old purchase: the card is the old image in all the counter writes, so the sale is discarded, and the
        // account is free to sell again.
        var (counter, card) = await SaleKilledAt(store, CardWriteStep.Recorded);
        using var _ = counter;
        counter.MeterOf(Counter.MeterA).Advance(TimeSpan.FromHours(1), PrepaidMeter.Meter.Load.LoadProfile.Constant(1_000));
        counter.Swipe(card).Result.ShouldBe(MeterResult.AlreadyLoaded); // and a new return-write: 1 kWh less remaining
        counter.Insert(card);

        var outcome = await counter.Office.Recovery.RecoverAsync(counter.Admin, counter.Reader);

        outcome.Value.Single().Settlement.ShouldContain("old image and has been to a meter since");
        counter.Office.Recovery.Pending().ShouldBeEmpty();
        counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value.Count.ShouldBe(1);
        (await counter.Sell(Counter.Kwh(5))).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public async Task Sell_CardPulledMidWrite_RefusedThenRecoveryPutsTornCardBackAndRecordsNothing(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        var before = card.Memory.ToArray();
        counter.Reader.TearNextWriteAfter(3);

        var sale = await counter.Sell(Counter.Kwh(30));

        sale.Refusal!.Reason.ShouldBe(RefusalReason.CardWriteFailed);
        sale.Refusal.Message.ShouldContain("put the same card in the reader and run 'prepaid vend recover'");
        card.Memory.ToArray().ShouldNotBe(before);
        counter.Insert(card);
        (await counter.Office.Recovery.RecoverAsync(counter.Admin, counter.Reader)).Value.Single().Settlement.ShouldContain("torn");
        card.Memory.ToArray().ShouldBe(before);
        counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value.Count.ShouldBe(1);
        counter.Office.Recovery.Pending().ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task Sell_WriteFailsWithCardStillInReader_NothingRecorded(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        var locked = new MemoryCard(card.Memory, [0x01, 0x02, 0x03]);
        counter.Insert(locked);

        var sale = await counter.Sell(Counter.Kwh(30));

        sale.Refusal!.Message.ShouldContain("the card is as it was and nothing was recorded");
        counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value.Count.ShouldBe(1);
        counter.Office.Recovery.Pending().ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task Recover_TornCardAfterCrash_PutsOldImageBack(Store store)
    {
        var crash = false;
        using var counter = new Counter(store, afterStep: s => { if (crash && s == CardWriteStep.Recorded) { throw new InvalidOperationException("crash"); } });
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        var before = card.Memory.ToArray();
        crash = true;
        await Should.ThrowAsync<InvalidOperationException>(() => counter.Sell(Counter.Kwh(30)));
        crash = false;

        // Half the new image lands, as if the process died mid-write.
        var pending = counter.Office.Recovery.Pending().Single();
        using (var connection = counter.Database.Open())
        {
            var intended = Convert.FromHexString(Dapper.SqlMapper.ExecuteScalar<string>(connection, "SELECT intended_image FROM card_writes")!);
            var torn = before.ToArray();
            var changed = Enumerable.Range(0, torn.Length).Where(i => torn[i] != intended[i]).ToList();
            foreach (var i in changed.Take(changed.Count / 2))
            {
                torn[i] = intended[i];
            }

            counter.Insert(new MemoryCard(torn, Testing.Some.Keys.Psc.Span));
        }

        var outcome = await counter.Office.Recovery.RecoverAsync(counter.Admin, counter.Reader);

        outcome.Value.Single().Settlement.ShouldContain("torn");
        counter.Reader.Card!.Memory.ToArray().ShouldBe(before);
        pending.Operation.ShouldBe("sale");
    }

    [Theory, BothStores]
    public async Task Recover_NoCard_LeavesPendingWithClearMessage(Store store)
    {
        var crash = false;
        using var counter = new Counter(store, afterStep: s => { if (crash && s == CardWriteStep.Recorded) { throw new InvalidOperationException("crash"); } });
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        crash = true;
        await Should.ThrowAsync<InvalidOperationException>(() => counter.Sell(Counter.Kwh(30)));
        crash = false;
        counter.Reader.Remove();

        var outcome = await counter.Office.Recovery.RecoverAsync(counter.Admin, counter.Reader);

        outcome.Refusal!.Message.ShouldStartWith("no card in the reader; pending: sale #");
        counter.Office.Recovery.Pending().Count.ShouldBe(1);
    }
}
