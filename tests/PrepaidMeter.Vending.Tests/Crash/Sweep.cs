using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>The two sweeps of one operation on one provider, each on one bench, each case carrying on from the last.</summary>
internal static class Sweep
{
    /// <summary>The uninterrupted run, then the process killed after each step of the card write.</summary>
    public static Task KillAtEveryStepAsync(SweptOperation operation, Store store) => Bench.RunAsync(store, async bench =>
    {
        var reference = await SweepCase.RunAsync(bench, operation, Fault.None, null, null);
        var subject = reference.Subject;
        foreach (var step in Enum.GetValues<CardWriteStep>())
        {
            subject = (await SweepCase.RunAsync(bench, operation, new Fault.KilledAfter(step), subject, reference.BooksChange)).Subject;
        }
    });

    /// <summary>The uninterrupted run, then the card pulled after K bytes, for each K <see cref="Marks"/> gives.</summary>
    public static Task PullAtEveryByteAsync(SweptOperation operation, Store store) => Bench.RunAsync(store, async bench =>
    {
        var reference = await SweepCase.RunAsync(bench, operation, Fault.None, null, null);
        var (subject, bytes) = (reference.Subject, reference.Bytes!.Value);
        var done = new HashSet<int>();
        for (var i = 0; Marks(store, i, bytes) is { } k; i++)
        {
            if (done.Add(k))
            {
                var result = await SweepCase.RunAsync(bench, operation, new Fault.PulledAfter(k), subject, reference.BooksChange);
                (subject, bytes) = (result.Subject, result.Bytes!.Value);
            }
        }
    });

    /// <summary>
    /// The i-th K to pull the card after, or null when done. On SQLite every K from 0 to the bytes the write sends (the last
    /// pulls the card once every byte landed, before the read-back). On PostgreSQL a spread — 0, 1, the middle, the last —
    /// keeps the suite fast (a case costs the server several times what it costs SQLite): the card and the recovery logic
    /// are the same on both, and what the server adds (its transactions, its locks) every K crosses alike. Each mark comes
    /// from the latest case's own count: an account carried on may write a byte more or less than the first case did.
    /// </summary>
    private static int? Marks(Store store, int i, int bytes) => store == Store.Sqlite
        ? (i <= bytes ? i : null)
        : i switch
        {
            0 or 1 => i,
            2 => bytes / 2,
            3 => bytes,
            _ => null,
        };
}
