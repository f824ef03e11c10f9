using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Sales;

/// <summary>
/// DESIGN.md §8 invariants 1, 2 and 4 across the counter and a real virtual meter, on random histories
/// of sales, swipes, corrections, cancels, reissues and replays of old card images:
/// a sale is refused exactly while the card holds an unloaded purchase; no purchase loads twice; and
/// credit sold (net of corrections and cancels) + preset = loaded in the meter + on the card unloaded.
/// </summary>
public sealed class CounterAndMeterProperties
{
    private enum Step
    {
        Sell,
        Swipe,
        Correct,
        Cancel,
        Reissue,
        ReplayOldImage,
    }

    [Theory, BothStores]
    public void RandomHistories_KeepSaleAndConservationInvariants(Store store)
    {
        var steps = Gen.ListOf(Gen.Elements(Enum.GetValues<Step>()).Zip(Gen.Choose(1, 60))).Resize(14);
        Prop.ForAll(steps.ToArbitrary(), history => Play(store, [.. history.Select(h => (h.Item1, h.Item2))])).QuickCheckThrowOnFailure(25);
    }

    private static void Play(Store store, IReadOnlyList<(Step Step, int Kwh)> history)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        var images = new List<byte[]> { card.Memory.ToArray() };
        foreach (var (step, kwh) in history)
        {
            var unloadedBefore = !Vending.CardWrites.CardInspector.IsSwiped(Counter.Layout.Decode(card.Memory, Some.Keys).GetRecordOrThrow());
            counter.Insert(card);
            switch (step)
            {
                case Step.Sell:
                    var sale = counter.Sell(Counter.Kwh(kwh)).GetAwaiter().GetResult();
                    if (unloadedBefore)
                    {
                        sale.Refusal!.Reason.ShouldBe(RefusalReason.CardNotSwiped);
                    }
                    else
                    {
                        sale.Success.ShouldBeTrue(sale.ToString());
                    }

                    break;
                case Step.Swipe:
                    var loadedBefore = counter.MeterOf(Counter.MeterA).Snapshot().CumulativeLoaded.Hundredths;
                    // A reissued card is "not swiped" until the meter has seen it, though its purchase may be loaded already.
                    var ahead = Counter.Layout.Decode(card.Memory, Some.Keys).GetRecordOrThrow().PurchaseCount > counter.MeterOf(Counter.MeterA).Snapshot().PurchaseCount;
                    var outcome = counter.Swipe(card);
                    outcome.Result.ShouldBe(ahead ? MeterResult.Loaded : MeterResult.AlreadyLoaded);
                    if (!ahead)
                    {
                        counter.MeterOf(Counter.MeterA).Snapshot().CumulativeLoaded.Hundredths.ShouldBe(loadedBefore);
                    }

                    break;
                case Step.Correct:
                    var correctable = unloadedBefore && SoldOntoThisCard(counter, card);
                    counter.Office.Sales.CorrectAsync(counter.Admin, counter.Reader, Counter.Kwh(kwh)).GetAwaiter().GetResult().Success.ShouldBe(correctable);
                    break;
                case Step.Cancel:
                    var cancellable = unloadedBefore && SoldOntoThisCard(counter, card);
                    counter.Office.Sales.CancelAsync(counter.Admin, counter.Reader).GetAwaiter().GetResult().Success.ShouldBe(cancellable);
                    break;
                case Step.Reissue:
                    var account = counter.Office.Accounts.List(counter.Admin).Value.Single();
                    var fresh = counter.InsertBlank();
                    counter.Office.Cards.ReissueAsync(counter.Admin, counter.Reader, account.Id, "lost").GetAwaiter().GetResult().Success.ShouldBeTrue();
                    card = fresh;
                    break;
                case Step.ReplayOldImage:
                    // An image of an earlier purchase at the meter loads nothing (invariant 2). A copy of the
                    // current image is the card itself in another hand: the books cannot see it (noted in docs).
                    var current = Counter.Layout.Decode(card.Memory, Some.Keys).GetRecordOrThrow().PurchaseCount;
                    var older = images.Where(i => Counter.Layout.Decode(i, Some.Keys).GetRecordOrThrow().PurchaseCount < current).ToList();
                    if (older.Count > 0)
                    {
                        var before = counter.MeterOf(Counter.MeterA).Snapshot().CumulativeLoaded.Hundredths;
                        counter.Swipe(new MemoryCard(older[kwh % older.Count], Some.Keys.Psc.Span)).Result.ShouldNotBe(MeterResult.Loaded);
                        counter.MeterOf(Counter.MeterA).Snapshot().CumulativeLoaded.Hundredths.ShouldBe(before);
                    }

                    break;
            }

            images.Add(card.Memory.ToArray());
            CheckConservation(counter, card);
        }
    }

    // A correction or cancel takes back only a purchase written to the card in hand: a replaced card may have been swiped.
    private static bool SoldOntoThisCard(Counter counter, MemoryCard card)
    {
        var record = Counter.Layout.Decode(card.Memory, Some.Keys).GetRecordOrThrow();
        var current = counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value
            .LastOrDefault(r => r.Status == SaleStatus.Committed && r.PurchaseCount == record.PurchaseCount);
        return current?.CardSerial == record.CardSerial;
    }

    private static void CheckConservation(Counter counter, MemoryCard card)
    {
        var sold = counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value
            .Where(r => r.Status == SaleStatus.Committed).Sum(r => r.Credit.Hundredths);
        var record = Counter.Layout.Decode(card.Memory, Some.Keys).GetRecordOrThrow();
        var meter = counter.MeterOf(Counter.MeterA).Snapshot();
        var loadedPurchaseCount = meter.PurchaseCount.Value;
        var onCardUnloaded = record.PurchaseCount.Value > loadedPurchaseCount ? record.Purchase.Hundredths : 0;
        sold.ShouldBe(meter.CumulativeLoaded.Hundredths + onCardUnloaded);
    }
}
