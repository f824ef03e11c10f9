using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands.Reports;

/// <summary>
/// `--report-db`: reports and queries read a hot standby of the books (or a copy of them) while --db logs the operator
/// in on the primary (docs/concurrency.md, "Reports off the primary"). A real streaming standby (PostgresReplica).
/// </summary>
public sealed class ReportOffPrimaryTests : IDisposable
{
    private static readonly string[][] Readings =
    [
        ["report", "monthly", "--json"],
        ["report", "classified", "--json"],
        ["report", "registration", "--json"],
        ["vend", "query", "purchases", "--json"],
    ];

    private readonly TempFolder _folder = new();

    public ReportOffPrimaryTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

    [Fact]
    public async Task Reports_OnAStandby_ShowWhatItReplayed_AndOnceCaughtUpAreThePrimarysReports()
    {
        var primary = PostgresReplica.NewDatabase();
        try
        {
            var counter = new CounterOnFiles(_folder, primary);
            await counter.SetUpSwipedAccount("10");
            PostgresReplica.WaitForReplay();
            var standby = PostgresReplica.OnStandby(primary);
            var before = await ReadAll(primary, standby);

            // Replay paused: the primary sells on, the standby's reports stay as they were.
            PostgresReplica.PauseReplay(true);
            try
            {
                (await counter.Vend("--card", "li", "sell", "--energy", "20")).Exit.ShouldBe(0);
                var paused = await ReadAll(primary, standby);
                paused.OffStandby.ShouldBe(before.OffStandby);
                paused.OnPrimary.ShouldNotBe(before.OnPrimary);
            }
            finally
            {
                PostgresReplica.PauseReplay(false);
            }

            PostgresReplica.WaitForReplay();
            var caughtUp = await ReadAll(primary, standby);
            caughtUp.OffStandby.ShouldBe(caughtUp.OnPrimary);
            caughtUp.Note.ShouldStartWith($"prepaid: reports and queries read the standby postgres://prepaid@127.0.0.1:");
            caughtUp.Note.ShouldContain("replayed to the primary's commit of ");
        }
        finally
        {
            PostgresReplica.Drop(primary);
        }
    }

    [Fact]
    public async Task Reports_OnASqliteCopy_AreTheBooksReportsAsTheCopyWasMade_AndLeaveTheCopyAsItWas()
    {
        var counter = new CounterOnFiles(_folder, _folder.File("prepaid.db"));
        await counter.SetUpSwipedAccount("10");
        (await counter.Vend("backup", _folder.File("copy.db"))).Exit.ShouldBe(0);
        var asMade = await ReadAll(counter.Db, _folder.File("copy.db"));
        asMade.OffStandby.ShouldBe(asMade.OnPrimary);
        var bytes = await File.ReadAllBytesAsync(_folder.File("copy.db"));

        (await counter.Vend("--card", "li", "sell", "--energy", "20")).Exit.ShouldBe(0);
        var later = await ReadAll(counter.Db, _folder.File("copy.db"));

        later.OffStandby.ShouldBe(asMade.OffStandby);
        later.OnPrimary.ShouldNotBe(asMade.OnPrimary);
        later.Note.ShouldBe($"prepaid: reports and queries read {_folder.File("copy.db")}, a copy of the books as it was made");
        (await File.ReadAllBytesAsync(_folder.File("copy.db"))).ShouldBe(bytes);
    }

    [Fact]
    public async Task ReportDb_ACopyWrittenToSinceItWasMade_IsRefused()
    {
        var counter = new CounterOnFiles(_folder, _folder.File("prepaid.db"));
        await counter.SetUpSwipedAccount("10");
        (await counter.Vend("backup", _folder.File("copy.db"))).Exit.ShouldBe(0);
        (await Prepaid.RunAsync("vend", "--db", _folder.File("copy.db"), "customer", "add", "--name", "Only in the copy")).Exit.ShouldBe(0);
        (await counter.Vend("customer", "add", "--name", "Zhang San")).Exit.ShouldBe(0);
        (await counter.Vend("customer", "add", "--name", "Wang Wu")).Exit.ShouldBe(0);

        var refused = await Prepaid.RunAsync("report", "monthly", "--db", counter.Db, "--report-db", _folder.File("copy.db"));

        refused.Exit.ShouldBe(2);
        refused.Out.ShouldBeEmpty();
        refused.Err.ShouldContain("is not a copy of these books: its operation log ends at entry");
    }

    [Fact]
    public async Task ReportDb_OfOtherBooks_IsRefused_AndNothingIsRead()
    {
        var counter = new CounterOnFiles(_folder, _folder.File("prepaid.db"));
        await counter.SetUpSwipedAccount("10");
        using var elsewhere = new TempFolder();
        (await Prepaid.RunAsync("vend", "--db", elsewhere.File("other.db"), "init", "--station", "0002", "--name", "Other")).Exit.ShouldBe(0);

        var refused = await Prepaid.RunAsync("report", "monthly", "--db", counter.Db, "--report-db", elsewhere.File("other.db"));
        refused.Exit.ShouldBe(2);
        refused.Out.ShouldBeEmpty();
        refused.Err.ShouldContain($"--report-db: {elsewhere.File("other.db")} is not a copy of these books: its operation log ends at entry ");

        // The web console checks its copy before it listens.
        var web = await Prepaid.RunAsync("web", "--db", counter.Db, "--report-db", elsewhere.File("other.db"), "--listen", "127.0.0.1:0");
        web.Exit.ShouldBe(2);
        web.Out.ShouldBeEmpty();
        web.Err.ShouldContain("is not a copy of these books");

        var missing = await Prepaid.RunAsync("vend", "--db", counter.Db, "query", "purchases", "--report-db", _folder.File("none.db"));
        missing.Exit.ShouldBe(2);
        missing.Err.ShouldContain($"--report-db: no database {_folder.File("none.db")}");
        File.Exists(_folder.File("none.db")).ShouldBeFalse();

        var itself = await Prepaid.RunAsync("report", "monthly", "--db", counter.Db, "--report-db", counter.Db);
        itself.Exit.ShouldBe(2);
        itself.Err.ShouldContain("is the books themselves (--db)");

        var empty = await Prepaid.RunAsync("report", "monthly", "--db", counter.Db, "--report-db", "");
        empty.Exit.ShouldBe(1);
        empty.Err.ShouldContain("--report-db: give a SQLite file or a PostgreSQL address");

        await File.WriteAllTextAsync(_folder.File("notes.txt"), "not a database, but long enough to be read as one's header and refused");
        var text = await Prepaid.RunAsync("vend", "--db", counter.Db, "query", "purchases", "--report-db", _folder.File("notes.txt"));
        text.Exit.ShouldBe(2);
        text.Err.ShouldContain("is not a database");

        var unreadable = await Prepaid.RunAsync("report", "monthly", "--db", counter.Db, "--report-db", "postgres://nobody@127.0.0.1:1/none");
        unreadable.Exit.ShouldBe(3);
        unreadable.Err.ShouldContain("--report-db: postgres://nobody@127.0.0.1:1/none cannot be read");
    }

    public void Dispose()
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    /// <summary>Every reading, off the books and off the copy; the note the copy's runs print on stderr.</summary>
    private static async Task<(string OnPrimary, string OffStandby, string Note)> ReadAll(string books, string copy)
    {
        var (onPrimary, offStandby, note) = (new List<string>(), new List<string>(), "");
        foreach (var reading in Readings)
        {
            var direct = await Prepaid.RunAsync([.. reading, "--db", books]);
            direct.Exit.ShouldBe(0, direct.Err);
            onPrimary.Add(direct.Out);
            var off = await Prepaid.RunAsync([.. reading, "--db", books, "--report-db", copy]);
            off.Exit.ShouldBe(0, off.Err);
            offStandby.Add(off.Out);
            note = off.Err.Trim();
        }

        return (string.Join("\n", onPrimary), string.Join("\n", offStandby), note);
    }
}
