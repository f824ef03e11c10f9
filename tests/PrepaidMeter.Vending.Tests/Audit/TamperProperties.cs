using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Audit;
using Xunit.Abstractions;

namespace PrepaidMeter.Vending.Tests.Audit;

/// <summary>
/// DESIGN.md §8 invariant 9: the books verify. On random histories (sales, swipes, corrections, cancels, reissues,
/// arrears, customers, prices, operators, failed logins, partner payments and their collection, tool cards, meters,
/// the site), an untouched history always verifies, with the site's key and its anchor; then one tampering from the
/// outside probe's list (or a variant) is applied, as someone holding the database but not the key would, and the
/// audit finds it — every time, on SQLite and on PostgreSQL. The anchor is taken at the end of the day's work, as
/// a site does (docs/vending.md, "Audit"): a tail cut behind it is found by it.
/// </summary>
public sealed class TamperProperties(ITestOutputHelper output)
{
    private const int HistoryCount = 20;

    [Theory, BothStores]
    public void RandomHistory_VerifiesUntouched_AndEveryTamperingIsFound(Store store)
    {
        var acts = Gen.Elements(Enum.GetValues<Act>()).Zip(Gen.Choose(1, 40));
        var cases = Gen.ListOf(acts).Resize(16).Zip(Gen.Choose(0, Tampering.All.Count - 1));
        var tried = new List<string>();
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (history, first) = c;
            tried.Add(Play(store, history, first).Name);
        }).QuickCheckThrowOnFailure(HistoryCount);
        output.WriteLine($"{store}: {tried.Count} histories, tamperings tried: {string.Join("; ", tried.GroupBy(t => t).Select(g => $"{g.Key} ×{g.Count()}"))}");
        tried.Count.ShouldBeGreaterThanOrEqualTo(HistoryCount);
    }

    /// <summary>
    /// The history CI's random run found (seed 5350431375102291603,3879240098047860459): the first purchase cancelled
    /// before its swipe, then a reading round, then a damaged card reset — the round must report what the meter holds.
    /// </summary>
    [Theory, BothStores]
    public void CancelledFirstPurchase_ThenRoundAndReset_Verifies(Store store) =>
        Play(store, [(Act.ChangeSite, 30), (Act.Cancel, 9), (Act.ReadingRound, 12), (Act.ResetCard, 37)], 2).Findings.ShouldNotBeEmpty();

    /// <summary>Every tampering of the list at least once on each store, on one history that writes every kind of audited row.</summary>
    [Theory, BothStores]
    public void EveryTampering_OnAFullHistory_IsFound(Store store)
    {
        // A split sale first, so its shares are there to tamper with; then every act twice.
        (Act, int)[] split = [(Act.SplitEnergy, 4), (Act.Swipe, 1), (Act.Sell, 5)];
        var history = split.Concat(Enum.GetValues<Act>().Select((act, i) => (act, i + 3))).Concat(Enum.GetValues<Act>().Select((act, i) => (act, i + 7))).ToList();
        for (var i = 0; i < Tampering.All.Count; i++)
        {
            var (name, findings) = Play(store, history, i, onlyThis: true);
            name.ShouldBe(Tampering.All[i].Name);
            output.WriteLine($"{name}: {findings[0]}{(findings.Count > 1 ? $" (and {findings.Count - 1} more)" : "")}");
        }

        output.WriteLine($"{store}: {Tampering.All.Count} tamperings, each found");
    }

    /// <summary>Plays the history, checks it verifies, tampers (the first tampering from <paramref name="first"/> on that applies) and checks the audit finds it; returns which.</summary>
    private static (string Name, IReadOnlyList<AuditFinding> Findings) Play(Store store, IEnumerable<(Act, int)> history, int first, bool onlyThis = false)
    {
        using var counter = new Counter(store);
        Histories.Play(counter, history);
        var anchor = counter.Office.Maintenance.Anchor(counter.Admin).Value;
        var anchors = new[] { new AnchorLine(1, anchor, null) };
        counter.Audit(anchors).Findings.ShouldBeEmpty("an untouched history verifies");

        var candidates = onlyThis ? [Tampering.All[first]] : Tampering.All.Skip(first).Concat(Tampering.All.Take(first));
        using var connection = counter.Database.Open();
        var applied = candidates.First(t => t.Apply(connection));
        counter.Tampered = true;
        var report = counter.Audit(anchors);
        report.Intact.ShouldBeFalse($"'{applied}' was not found");
        return (applied.Name, report.Findings);
    }
}
