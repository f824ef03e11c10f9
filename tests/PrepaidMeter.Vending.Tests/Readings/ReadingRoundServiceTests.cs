using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Readings;

namespace PrepaidMeter.Vending.Tests.Readings;

/// <summary>Centralised meter reading (docs/vending.md, "Centralised meter reading"): each rule on both providers, over a scripted link.</summary>
public sealed class ReadingRoundServiceTests
{
    /// <summary>Four customers made up on lines L7 and L8 and areas T70 and T71, each with an open account on a meter of its own.</summary>
    private static List<MeterNumber> District(Counter counter)
    {
        var meters = new List<MeterNumber>();
        counter.MadeUp(w =>
        {
            foreach (var (line, area) in new[] { ("L7", "T70"), ("L7", "T71"), ("L8", "T70"), ("L7", "T70") })
            {
                meters.Add(w.AddCustomer($"Customer on {line}", "North", line, area, "residential", counter.Time.GetUtcNow()).Meter);
            }
        });
        return meters;
    }

    [Theory, BothStores]
    public async Task Round_OverALine_ReadsItsOpenAccountsMeters_AndStoresEachAsALinkReading(Store store)
    {
        using var counter = new Counter(store);
        var m = District(counter);
        var link = new ScriptedMeterLink(counter.Time)
            .Answers(m[0], loaded: 3, remaining: 4_250, energy: 120_000)
            .Answers(m[1], loaded: 1, remaining: -300, energy: 9_900, ReturnWriteStatus.RelayOpen | ReturnWriteStatus.OverdraftInUse)
            .Answers(m[3], loaded: 7, remaining: 0, energy: 5);

        var round = (await counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.Line("L7"), link)).Value;

        link.Asked.ShouldBe([m[0], m[1], m[3]], "the line's meters, by number; L8's is not asked");
        (round.ScopeKind, round.Scope, round.Port, round.Polled, round.Answered, round.Stored).ShouldBe((RoundScopeKind.Line, "L7", "/dev/ttyTEST", 3, 3, 3));
        round.Silent.ShouldBeEmpty();
        round.Operator.ShouldBe("admin");
        var readings = counter.Office.Queries.Readings(counter.Admin, new QueryFilter(Meter: m[1])).Value.ShouldHaveSingleItem();
        readings.ShouldBe(new MeterReading(m[1], ReadingSource.Link, PurchaseCount.From(1), new CreditAmount(CreditUnit.Energy, -300), Energy.FromHundredths(9_900),
            (ushort)(ReturnWriteStatus.RelayOpen | ReturnWriteStatus.OverdraftInUse), counter.Time.GetUtcNow(), counter.Time.GetUtcNow()));
        var entry = counter.Office.Queries.OperationLog(counter.Admin, new QueryFilter()).Value[^1];
        (entry.Action, entry.Subject).ShouldBe(("reading round", "line L7"));
        entry.Detail.ShouldBe($"round {round.Id} on /dev/ttyTEST: 3 polled, 3 answered, 3 readings stored");
    }

    [Theory, BothStores]
    public async Task Round_OverAnArea_ReadsTheAreasMeters(Store store)
    {
        using var counter = new Counter(store);
        var m = District(counter);
        var link = new ScriptedMeterLink(counter.Time).Answers(m[0], 1, 100, 100).Answers(m[2], 1, 100, 100).Answers(m[3], 1, 100, 100);

        var round = (await counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.Area("T70"), link)).Value;

        link.Asked.ShouldBe([m[0], m[2], m[3]]);
        (round.Polled, round.Answered).ShouldBe((3, 3));
    }

    [Theory, BothStores]
    public async Task Round_SilentAndRefusedMeters_AreRecordedWithTheRound_AndNoReadingIsStoredForThem(Store store)
    {
        using var counter = new Counter(store);
        var m = District(counter);
        var link = new ScriptedMeterLink(counter.Time).Answers(m[0], 1, 100, 100).Refuses(m[3], "meter 000000000004 refused Read: no such data");

        var round = (await counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.Line("L7"), link)).Value;

        (round.Polled, round.Answered, round.Stored).ShouldBe((3, 1, 1));
        round.Silent.ShouldBe([m[1]]);
        round.Refused.ShouldBe([new MissedMeter(m[3], "meter 000000000004 refused Read: no such data")]);
        counter.Office.Queries.Readings(counter.Admin, new QueryFilter()).Value.Where(r => r.Source == ReadingSource.Link).Select(r => r.Meter).ShouldBe([m[0]]);
        var kept = counter.Office.Rounds.Rounds(counter.Admin).Value.ShouldHaveSingleItem();
        (kept.Id, kept.ScopeKind, kept.Scope, kept.Port, kept.StartedAt, kept.FinishedAt, kept.Operator, kept.Polled, kept.Answered, kept.Stored)
            .ShouldBe((round.Id, round.ScopeKind, round.Scope, round.Port, round.StartedAt, round.FinishedAt, round.Operator, round.Polled, round.Answered, round.Stored));
        kept.Silent.ShouldBe(round.Silent);
        kept.Refused.ShouldBe(round.Refused);
        counter.Office.Queries.OperationLog(counter.Admin, new QueryFilter()).Value[^1].Detail
            .ShouldBe($"round {round.Id} on /dev/ttyTEST: 3 polled, 1 answered, 1 readings stored; silent: {m[1]}; refused: {m[3]}");
    }

    [Theory, BothStores]
    public async Task Round_AllSilent_IsStillRecorded(Store store)
    {
        using var counter = new Counter(store);
        var link = new ScriptedMeterLink(counter.Time);

        var round = (await counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.List([Counter.MeterA, Counter.MeterB]), link)).Value;

        (round.ScopeKind, round.Scope, round.Polled, round.Answered, round.Stored).ShouldBe((RoundScopeKind.List, "000012345678,000012345679", 2, 0, 0));
        round.Silent.ShouldBe([Counter.MeterA, Counter.MeterB]);
    }

    [Theory, BothStores]
    public async Task Round_TheSameMeterTimeTwice_StoresTheReadingOnce_AndCountsTheMeterAnswered(Store store)
    {
        using var counter = new Counter(store);
        var link = new ScriptedMeterLink(counter.Time).Answers(Counter.MeterA, 0, 1_000, 0);

        var first = (await counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.List([Counter.MeterA]), link)).Value;
        var second = (await counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.List([Counter.MeterA]), link)).Value;

        (first.Answered, first.Stored, second.Answered, second.Stored).ShouldBe((1, 1, 1, 0));
        counter.Office.Queries.Readings(counter.Admin, new QueryFilter(Meter: Counter.MeterA)).Value.Count.ShouldBe(1);
        counter.Office.Rounds.Rounds(counter.Admin).Value.Select(r => r.Id).ShouldBe([first.Id, second.Id]);
    }

    [Theory, BothStores]
    public async Task Round_AListNamingAMeterNotInTheBooks_IsRefusedBeforeAnyMeterIsPolled(Store store)
    {
        using var counter = new Counter(store);
        var link = new ScriptedMeterLink(counter.Time);

        var refused = await counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.List([Counter.MeterA, MeterNumber.From(404)]), link);

        refused.Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        refused.Refusal.Message.ShouldBe("not in the books: meter 000000000404; nothing was polled");
        link.Asked.ShouldBeEmpty();
        counter.Office.Rounds.Rounds(counter.Admin).Value.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task Round_AListNamingAMeterTwice_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var link = new ScriptedMeterLink(counter.Time);

        var refused = await counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.List([Counter.MeterA, Counter.MeterB, Counter.MeterA]), link);

        refused.Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        refused.Refusal.Message.ShouldBe("meter 000012345678 is named twice in the list");
        link.Asked.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task Round_ALineWithNoOpenAccount_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        District(counter);

        var refused = await counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.Line("L9"), new ScriptedMeterLink(counter.Time));

        refused.Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        refused.Refusal.Message.ShouldBe("line L9 has no electricity meter with an open account; nothing was polled");
    }

    [Theory, BothStores]
    public async Task Round_WaterMeters_AreLeftOutOfALine_AndRefusedInAList(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Volume, price: """{"kind":"flat","price":"3.5000"}""");
        counter.OpenAccount(Counter.M3(5m));
        var link = new ScriptedMeterLink(counter.Time);

        var line = await counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.Line("L1"), link);
        var list = await counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.List([Counter.MeterA]), link);

        line.Refusal!.Message.ShouldBe("line L1 has no electricity meter with an open account; nothing was polled");
        list.Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        list.Refusal.Message.ShouldBe("meter 000012345678 is a water meter: it answers CJ/T 188, and a round reads DL/T 645 electricity meters; nothing was polled");
        link.Asked.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task Round_WithoutTheReadingsFunction_IsRefused_AndTheRoundsAreAQuery(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Operators.Add(counter.Admin, "zhou", "Zhou", SeedRoles.Auditor, "auditor-pass-1").Success.ShouldBeTrue();
        var auditor = counter.Office.Operators.Login("zhou", "auditor-pass-1").Value;
        var link = new ScriptedMeterLink(counter.Time);

        var refused = await counter.Office.Rounds.RunAsync(auditor, RoundScope.List([Counter.MeterA]), link);

        refused.Refusal!.Reason.ShouldBe(RefusalReason.NoPermission);
        link.Asked.ShouldBeEmpty();
        counter.Office.Rounds.Rounds(auditor).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public async Task Round_CancelledPartWay_RecordsNothing(Store store)
    {
        using var counter = new Counter(store);
        using var cancel = new CancellationTokenSource();
        var link = new ScriptedMeterLink(counter.Time).Answers(Counter.MeterA, 0, 1_000, 0);
        link.OnAsk = meter =>
        {
            if (meter == Counter.MeterB)
            {
                cancel.Cancel();
            }
        };

        await Should.ThrowAsync<OperationCanceledException>(() => counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.List([Counter.MeterA, Counter.MeterB]), link, cancel.Token));

        counter.Office.Rounds.Rounds(counter.Admin).Value.ShouldBeEmpty();
        counter.Office.Queries.Readings(counter.Admin, new QueryFilter(Meter: Counter.MeterA)).Value.ShouldBeEmpty();
    }
}
