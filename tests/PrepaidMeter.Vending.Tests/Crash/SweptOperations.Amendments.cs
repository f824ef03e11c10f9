using PrepaidMeter.Cards.Records;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>The amendments that write a card: a capacity change's set card, and closing an account (its user card wiped).</summary>
internal static partial class SweptOperations
{
    // Before is the number of capacity changes: each case asks for watts the account does not have yet, so none is refused as
    // unchanged whether the case before stood or not.
    private static SweptOperation CapacityChange => new(
        "capacity change",
        Arrange: async (bench, previous) =>
        {
            var s = previous ?? await bench.NewAccountAsync();
            s.Before = CapacityChanges(bench, s);
            s.Target = bench.InsertBlank();
            return s;
        },
        Act: async (office, bench, s, reader) =>
            (await office.Amendments.ChangeCapacityAsync(bench.Admin, reader, s.AccountId, checked(5_000 + (int)(100 * (s.Before + 1))), "bigger fuse")).Refusal,
        BooksSayItStood: (bench, s) => CapacityChanges(bench, s) == s.Before + 1,
        AtTheMeter: (bench, s, stood) => bench.Swipe(s.Target, s.Meter).ShouldBe(stood ? MeterResult.Configured : MeterResult.BlankCard))
    {
        SinceRecords = true,
    };

    // A new account each case (a closed one takes nothing more): its purchase loaded, a check card's reading of its meter in
    // the books, its user card in the reader.
    private static SweptOperation Closing => new(
        "account close",
        Arrange: async (bench, _) =>
        {
            var s = await bench.NewAccountAsync();
            var check = bench.InsertBlank();
            (await bench.Office.Cards.IssueToolCardAsync(bench.Admin, bench.Counter.Reader, CardKind.Check, Counter.Group, s.Meter)).Refusal.ShouldBeNull();
            bench.Swipe(check, s.Meter).ShouldBe(MeterResult.Read);
            bench.Insert(check);
            (await bench.Office.Cards.TakeReadingAsync(bench.Admin, bench.Counter.Reader)).Refusal.ShouldBeNull();
            s.Target = s.UserCard;
            bench.Insert(s.UserCard);
            return s;
        },
        Act: async (office, bench, _, reader) => (await office.Closings.CloseAsync(bench.Admin, reader)).Refusal,
        BooksSayItStood: (bench, s) => bench.Scalar<long>("SELECT COUNT(*) FROM closings WHERE account_id = @AccountId", new { s.AccountId }) == 1
            && bench.Scalar<string>("SELECT status FROM accounts WHERE id = @AccountId", new { s.AccountId }) == "closed",
        // Closed, the card is blank; undone, it is the user card whose purchase the meter holds.
        AtTheMeter: (bench, s, stood) => bench.Swipe(s.Target, s.Meter).ShouldBe(stood ? MeterResult.BlankCard : MeterResult.AlreadyLoaded),
        // Closed, the account sells no more (its card is blank); undone, it sells on as before.
        FollowUp: async (bench, s, stood) =>
        {
            if (stood)
            {
                bench.Insert(s.UserCard);
                (await bench.Office.Sales.SellAsync(bench.Admin, bench.Counter.Reader, Counter.Kwh(5))).Refusal.ShouldNotBeNull("a closed account's blank card");
                return;
            }

            await bench.SellAndLoadAsync(s);
        })
    {
        SinceRecords = true,
    };

    private static long CapacityChanges(Bench bench, Subject subject) =>
        bench.Scalar<long>("SELECT COUNT(*) FROM capacity_changes WHERE account_id = @AccountId", new { subject.AccountId });
}
