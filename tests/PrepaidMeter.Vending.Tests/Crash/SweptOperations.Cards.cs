using PrepaidMeter.Cards.Records;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>The card operations beside selling: a reissue, a tool card, recycling a card to blank.</summary>
internal static partial class SweptOperations
{
    // Before is the account's card serial: a reissue that stood moves it to the new card's.
    private static SweptOperation Reissue => new(
        "card reissue",
        Arrange: async (bench, previous) =>
        {
            var s = previous ?? await bench.NewAccountAsync();
            s.Before = CardSerial(bench, s);
            s.Target = bench.InsertBlank();
            return s;
        },
        Act: async (office, bench, s, reader) => (await office.Cards.ReissueAsync(bench.Admin, reader, s.AccountId, "lost")).Refusal,
        BooksSayItStood: (bench, s) => CardSerial(bench, s) != s.Before,
        AtTheMeter: (bench, s, stood) =>
        {
            if (stood)
            {
                ((long)Bench.Read(s.Target).CardSerial.Value).ShouldBe(CardSerial(bench, s), "the account's card is the one written");
            }

            // The new card repeats the purchase the meter has loaded already.
            bench.Swipe(s.Target, s.Meter).ShouldBe(stood ? MeterResult.AlreadyLoaded : MeterResult.BlankCard);
        },
        FollowUp: async (bench, s, stood) =>
        {
            if (stood)
            {
                bench.Insert(s.UserCard);
                (await bench.Office.Sales.SellAsync(bench.Admin, bench.Counter.Reader, Counter.Kwh(5))).Refusal!.Reason.ShouldBe(RefusalReason.CardRefused, "the replaced card");
                s.UserCard = s.Target;
            }

            await bench.SellAndLoadAsync(s);
        });

    // A check card for the account's meter: it reads the meter, and harms nothing there.
    private static SweptOperation ToolCard => new(
        "tool card issue",
        Arrange: async (bench, previous) =>
        {
            var s = previous ?? await bench.NewAccountAsync();
            s.Before = CheckCards(bench, s);
            s.Target = bench.InsertBlank();
            return s;
        },
        Act: async (office, bench, s, reader) => (await office.Cards.IssueToolCardAsync(bench.Admin, reader, CardKind.Check, Counter.Group, s.Meter)).Refusal,
        BooksSayItStood: (bench, s) => CheckCards(bench, s) == s.Before + 1,
        AtTheMeter: (bench, s, stood) => bench.Swipe(s.Target, s.Meter).ShouldBe(stood ? MeterResult.Read : MeterResult.BlankCard));

    // Before is the check card's serial: a recycle that stood closes its tool-card row.
    private static SweptOperation Recycle => new(
        "card recycle",
        Arrange: async (bench, previous) =>
        {
            var s = previous ?? await bench.NewAccountAsync();
            s.Target = bench.InsertBlank();
            (await bench.Office.Cards.IssueToolCardAsync(bench.Admin, bench.Counter.Reader, CardKind.Check, Counter.Group, s.Meter)).Refusal.ShouldBeNull();
            s.Before = (long)Bench.Read(s.Target).CardSerial.Value;
            return s;
        },
        Act: async (office, bench, _, reader) => (await office.Cards.RecycleAsync(bench.Admin, reader)).Refusal,
        BooksSayItStood: (bench, s) =>
            bench.Scalar<long>("SELECT COUNT(*) FROM tool_cards WHERE card_serial = @Before AND closed_at IS NOT NULL", new { s.Before }) == 1,
        AtTheMeter: (bench, s, stood) => bench.Swipe(s.Target, s.Meter).ShouldBe(stood ? MeterResult.BlankCard : MeterResult.Read));

    private static long CardSerial(Bench bench, Subject subject) =>
        bench.Scalar<long>("SELECT card_serial FROM accounts WHERE id = @AccountId", new { subject.AccountId });

    private static long CheckCards(Bench bench, Subject subject) =>
        bench.Scalar<long>("SELECT COUNT(*) FROM tool_cards WHERE kind = 'check' AND meter_number = @meter", new { meter = subject.Meter.ToString() });
}
