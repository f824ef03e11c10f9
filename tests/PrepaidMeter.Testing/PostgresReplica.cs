using System.Diagnostics;
using Npgsql;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Testing;

/// <summary>
/// A PostgreSQL primary with a hot standby streaming from it, for the reports read off the primary (`--report-db`):
/// the pair tools/test.sh started for them (PREPAID_TEST_POSTGRES_REPLICA and PREPAID_TEST_POSTGRES_STANDBY; apart from the
/// suite's cluster, so its standby replays only these tests' WAL), or a pair of this test process's own when the tests
/// run without the script. A database made on the primary appears on the standby.
/// </summary>
public static class PostgresReplica
{
    private static readonly Lazy<(string Primary, string Standby)> Pair = new(Find);

    /// <summary>A new, empty database on the primary; its address.</summary>
    public static string NewDatabase() => PostgresServer.CreateDatabase(Pair.Value.Primary);

    /// <summary>The same database on the standby.</summary>
    public static string OnStandby(string primaryDatabase)
    {
        var address = PostgresAddress.Parse(Pair.Value.Standby);
        address.Database = PostgresAddress.Parse(primaryDatabase).Database;
        return address.ConnectionString;
    }

    /// <summary>Waits (two minutes at most: the standby replays the whole suite's WAL) until it has replayed everything the primary had written when called.</summary>
    public static void WaitForReplay()
    {
        using var primary = Open(Pair.Value.Primary);
        using var written = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", primary);
        var lsn = (string)written.ExecuteScalar()!;
        using var standby = Open(Pair.Value.Standby);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var behind = new NpgsqlCommand("SELECT pg_wal_lsn_diff(@lsn::pg_lsn, pg_last_wal_replay_lsn())::bigint", standby);
            behind.Parameters.AddWithValue("lsn", lsn);
            var bytes = (long)behind.ExecuteScalar()!;
            if (bytes <= 0)
            {
                return;
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"the standby did not replay the primary's WAL to {lsn} in two minutes: {bytes} bytes behind");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Pauses (or resumes) the standby's replay: the primary goes on, the standby stays where it was.</summary>
    public static void PauseReplay(bool pause)
    {
        using var standby = Open(Pair.Value.Standby);
        using var command = new NpgsqlCommand(pause ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()", standby);
        command.ExecuteNonQuery();
    }

    /// <summary>Drops a database made by <see cref="NewDatabase"/> on the primary (the standby replays the drop).</summary>
    public static void Drop(string primaryDatabase) => PostgresServer.DropDatabase(Pair.Value.Primary, primaryDatabase);

    private static NpgsqlConnection Open(string url)
    {
        var connection = new NpgsqlConnection(PostgresAddress.Parse(url).ConnectionString);
        connection.Open();
        return connection;
    }

    private static (string, string) Find()
    {
        if (Environment.GetEnvironmentVariable("PREPAID_TEST_POSTGRES_REPLICA") is { Length: > 0 } primary
            && Environment.GetEnvironmentVariable("PREPAID_TEST_POSTGRES_STANDBY") is { Length: > 0 } standby)
        {
            return (primary, standby);
        }

        var own = PostgresServer.StartPrivate();
        var follower = own.StartStandby();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            follower.Dispose();
            own.Dispose();
        };
        return (own.AdminUrl, follower.AdminUrl);
    }
}
