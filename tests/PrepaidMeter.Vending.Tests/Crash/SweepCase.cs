namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>What one case showed: the subject to carry on with, the bytes its write changes, and how the books moved.</summary>
internal sealed record CaseResult(Subject Subject, int? Bytes, string BooksChange);

/// <summary>
/// One case of a sweep: arrange, run the operation under the fault, restart, recover with the card in the reader, then
/// check everything a crash or a torn write must leave true — recovery succeeds and leaves nothing pending, the audit is
/// clean, the card and the books agree that the operation stood wholly or not at all, the card works at the meter, and
/// the next operation succeeds.
/// </summary>
internal static class SweepCase
{
    /// <param name="referenceChange">How the uninterrupted run moved the books; null for that run itself.</param>
    /// <param name="beforeRestart">What happens to the books between the run and the restart (an upgrade); nothing by default.</param>
    public static async Task<CaseResult> RunAsync(Bench bench, SweptOperation operation, Fault fault, Subject? previous, string? referenceChange, Action<Bench>? beforeRestart = null)
    {
        try
        {
            return await RunCheckedAsync(bench, operation, fault, previous, referenceChange, beforeRestart);
        }
        catch (Exception e) when (e is not SweepCaseFailed)
        {
            throw new SweepCaseFailed($"{operation} on {bench.Store}, {fault}: {e.Message}", e);
        }
    }

    private static async Task<CaseResult> RunCheckedAsync(
        Bench bench, SweptOperation operation, Fault fault, Subject? previous, string? referenceChange, Action<Bench>? beforeRestart)
    {
        var subject = await operation.Arrange(bench, previous);
        var before = subject.Target.Memory.ToArray();
        var booksBefore = Books.Read(bench.Counter.Database);

        var run = await Interruption.RunAsync(bench, operation, subject, fault);
        run.ShouldMatch(fault, before);
        beforeRestart?.Invoke(bench);

        // Books with a write in flight are books too: an audit before recovery (a counter starting up) finds nothing.
        bench.Counter.Audit().Findings.ShouldBeEmpty("the audit is clean with the write still pending");

        // Recovery is a new process, as after a crash, or as `vend recover` run once the card is back in the reader.
        var restarted = bench.Restart();
        var recovered = await restarted.Recovery.RecoverAsync(bench.Admin, bench.Counter.Reader);
        recovered.Refusal.ShouldBeNull("recovery succeeds");
        restarted.Recovery.Pending().ShouldBeEmpty("nothing is left pending");
        bench.Counter.Audit().Findings.ShouldBeEmpty("the audit is clean");

        var after = subject.Target.Memory.ToArray();
        var stood = run.Intended is { } intended && after.AsSpan().SequenceEqual(intended);
        if (!stood)
        {
            after.ShouldBe(before, "the card holds the image before or the image an uninterrupted run leaves, nothing else");
        }

        stood.ShouldBe(run.ShouldStand(fault), "whether the card holds the write");
        if (run.LeftPending(fault))
        {
            recovered.Value.ShouldHaveSingleItem().Settlement.ShouldContain(stood ? "committed" : "discarded");
        }
        else
        {
            recovered.Value.ShouldBeEmpty("nothing was left to settle");
        }

        operation.BooksSayItStood(bench, subject).ShouldBe(stood, "the books say it happened exactly when the card does");
        var change = Books.Change(booksBefore, Books.Read(bench.Counter.Database));
        if (referenceChange is null)
        {
            change.ShouldNotBeEmpty("the uninterrupted run moved the books");
        }

        change.ShouldBe(stood ? referenceChange ?? change : "", "the books moved wholly, as the uninterrupted run moved them, or not at all");

        operation.AtTheMeter(bench, subject, stood);
        await (operation.FollowUp ?? ((b, s, _) => b.SellAndLoadAsync(s)))(bench, subject, stood);
        return new CaseResult(subject, run.Bytes, change);
    }
}

/// <summary>A case of a sweep failed; the message names the operation, the provider and the fault.</summary>
internal sealed class SweepCaseFailed(string message, Exception inner) : Exception(message, inner);
