using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>The two visits of a meter change: the change card written on a blank, then the credit it took written onto the user card.</summary>
internal static partial class SweptOperations
{
    // The user card sits in the other reader (it must show its purchase loaded); the blank becomes the change card.
    private static SweptOperation MeterChangeCard => new(
        "meter-change card",
        Arrange: async (bench, previous) =>
        {
            var s = previous ?? await bench.NewAccountAsync();
            s.Before = ChangeCards(bench, s);
            s.Target = bench.InsertBlank();
            bench.InsertOther(s.UserCard);
            return s;
        },
        Act: async (office, bench, s, reader) => (await office.MeterChanges.IssueChangeCardAsync(bench.Admin, reader, bench.OtherReader, s.AccountId)).Refusal,
        BooksSayItStood: (bench, s) => ChangeCards(bench, s) == s.Before + 1,
        AtTheMeter: (bench, s, stood) => bench.Swipe(s.Target, s.Meter).ShouldBe(stood ? MeterResult.CreditTransferred : MeterResult.BlankCard),
        FollowUp: async (bench, s, stood) =>
        {
            if (stood)
            {
                // The change card took the meter's credit: the change is completed on a new meter, and the account sells there.
                s.NewMeter = await bench.NewMeterAsync();
                await CompleteChangeAsync(bench, s, s.Target);
            }

            await bench.SellAndLoadAsync(s);
        });

    // A new account each case: the credit a change moves is what the old meter holds, and it must be the same every case
    // for the books to move by the same amount (a carried-on account would have bought more at each follow-up sale).
    private static SweptOperation MeterChangeComplete => new(
        "meter-change complete",
        Arrange: async (bench, _) =>
        {
            var s = await bench.NewAccountAsync();
            var change = bench.InsertBlank();
            bench.InsertOther(s.UserCard);
            (await bench.Office.MeterChanges.IssueChangeCardAsync(bench.Admin, bench.Counter.Reader, bench.OtherReader, s.AccountId)).Refusal.ShouldBeNull();
            bench.Swipe(change, s.Meter).ShouldBe(MeterResult.CreditTransferred);
            s.NewMeter = await bench.NewMeterAsync();
            s.Other = change;
            bench.InsertOther(change);
            s.Target = s.UserCard;
            bench.Insert(s.UserCard);
            return s;
        },
        Act: async (office, bench, s, reader) => (await office.MeterChanges.CompleteAsync(bench.Admin, bench.OtherReader, reader, s.NewMeter!.Value)).Refusal,
        BooksSayItStood: (bench, s) => bench.Scalar<string>(
            "SELECT m.number FROM accounts a JOIN meters m ON m.id = a.meter_id WHERE a.id = @AccountId", new { s.AccountId }) == s.NewMeter.ToString(),
        AtTheMeter: (bench, s, stood) => bench.Swipe(s.UserCard, s.NewMeter!.Value).ShouldBe(stood ? MeterResult.Loaded : MeterResult.WrongMeter),
        FollowUp: async (bench, s, stood) =>
        {
            if (!stood)
            {
                // Undone means the change card still carries the credit: completing it again works.
                await CompleteChangeAsync(bench, s, s.Other!);
            }
            else
            {
                s.Meter = s.NewMeter!.Value;
            }

            await bench.SellAndLoadAsync(s);
        });

    /// <summary>Completes the change onto <see cref="Subject.NewMeter"/> and loads the transfer there.</summary>
    private static async Task CompleteChangeAsync(Bench bench, Subject s, PrepaidMeter.Cards.Readers.MemoryCard changeCard)
    {
        bench.InsertOther(changeCard);
        bench.Insert(s.UserCard);
        (await bench.Office.MeterChanges.CompleteAsync(bench.Admin, bench.OtherReader, bench.Counter.Reader, s.NewMeter!.Value)).Refusal.ShouldBeNull();
        s.Meter = s.NewMeter.Value;
        bench.Swipe(s.UserCard, s.Meter).ShouldBe(MeterResult.Loaded);
    }

    private static long ChangeCards(Bench bench, Subject subject) =>
        bench.Scalar<long>("SELECT COUNT(*) FROM tool_cards WHERE kind = 'meter-change' AND meter_number = @meter", new { meter = subject.Meter.ToString() });
}
