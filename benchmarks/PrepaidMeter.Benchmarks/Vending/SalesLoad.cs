using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Benchmarks.Vending;

/// <summary>
/// A measured load run (issue 8): whole sales per second on PostgreSQL with 1, 4 and 16 counters, each
/// counter its own back office (own connection pool), reader and customers, selling back to back — read
/// and check the card, price, record pending, write and verify the card, commit with receipt and log
/// entry — with the meter's return-write put on the card between sales. The ceiling is pgbench's
/// simple-update transaction (-N, prepared) with as many clients, on the same server, which runs with
/// PostgreSQL's durable defaults (fsync, synchronous commit). Beside them, pgbench's own client running sales
/// (Vending/PgBench): the back office's statements, and the least a sale of this design does — what the same
/// work reaches with the least client cost there is, and the ceiling of the design itself. Run by tools/load.sh.
/// </summary>
internal static partial class SalesLoad
{
    private static readonly string[] Scripts = ["sale-statements.sql", "sale-least.sql"];

    public static int Run(IReadOnlyList<string> args)
    {
        var seconds = Option(args, "--seconds", 15);
        var counters = (args.SkipWhile(a => a != "--counters").Skip(1).FirstOrDefault() ?? "1,4,16").Split(',').Select(int.Parse).ToList();
        using var server = PostgresServer.StartPrivate(durable: true);
        Console.WriteLine($"# Sales per second on PostgreSQL against pgbench -N ({seconds} s per run, {Environment.ProcessorCount} cores, durable server defaults)");
        var simpleUpdate = PgBenchDatabase(server);
        var books = server.NewDatabase();
        if (args.Contains("--async-commit"))
        {
            // A diagnosis, never a figure: how much of the gap is waiting for the commit to reach the disk. Only the
            // counters' database: pgbench's runs keep waiting for theirs.
            var address = PostgresAddress.Parse(books);
            using var connection = new Npgsql.NpgsqlConnection(address.ConnectionString);
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand($"ALTER DATABASE \"{address.Database}\" SET synchronous_commit = off", connection);
            command.ExecuteNonQuery();
        }

        var desks = SetUp(books, counters.Max());

        // pgbench's own client running sales: the back office's statements, and the least a sale of this design does,
        // each on books of their own set up as the counters' are.
        var scripted = Scripts.ToDictionary(script => script, _ =>
        {
            var database = server.NewDatabase();
            OpenAccounts(database, counters.Max());
            return PostgresAddress.Parse(database);
        });
        Console.WriteLine();
        Console.WriteLine("| counters | sales/s | median sale ms | pgbench -N tps | sales/s ÷ pgbench | pgbench, the sale's statements | pgbench, the least sale |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in counters)
        {
            // Taken one after another for each count, so the four figures of a row share the machine's mood.
            var ceiling = PgBench(simpleUpdate, ["-N"], n, seconds);
            Measure(desks.Take(n).ToList(), TimeSpan.FromSeconds(2));
            var (rate, median) = Measure(desks.Take(n).ToList(), TimeSpan.FromSeconds(seconds));
            var statements = ScriptedSales(scripted, "sale-statements.sql", n, seconds);
            var least = ScriptedSales(scripted, "sale-least.sql", n, seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {rate:F0} | {median:F2} | {ceiling:F0} | {rate / ceiling:P0} | {statements:F0} ({statements / ceiling:P0}) | {least:F0} ({least / ceiling:P0}) |"));
        }

        return 0;
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A database of the server initialised with pgbench's tables (scale 16).</summary>
    private static Npgsql.NpgsqlConnectionStringBuilder PgBenchDatabase(PostgresServer server)
    {
        var address = PostgresAddress.Parse(server.NewDatabase());
        RunPgBench(address, [.. Connection(address), "-i", "-q", "-s", "16", address.Database!]);
        return address;
    }

    /// <summary>pgbench's transactions per second with <paramref name="clients"/> clients (prepared statements).</summary>
    private static double PgBench(Npgsql.NpgsqlConnectionStringBuilder address, string[] workload, int clients, int seconds) =>
        Rate(RunWorkload(address, workload, clients, seconds));

    private static string RunWorkload(Npgsql.NpgsqlConnectionStringBuilder address, string[] workload, int clients, int seconds) =>
        RunPgBench(address, [.. Connection(address), .. workload, "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture),
            "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), address.Database!]);

    private static double Rate(string output) => double.Parse(Tps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>
    /// pgbench running a sale script: its rate, once the books show one committed sale with a receipt for every
    /// transaction pgbench counted — a script that skipped its work would be no ceiling.
    /// </summary>
    private static double ScriptedSales(Dictionary<string, Npgsql.NpgsqlConnectionStringBuilder> books, string script, int clients, int seconds)
    {
        var address = books[script];
        var before = CommittedSales(address);
        var output = RunWorkload(address, ["-f", Path.Combine(AppContext.BaseDirectory, "Vending", "PgBench", script)], clients, seconds);
        var counted = long.Parse(Processed().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var sold = CommittedSales(address) - before;
        return sold == counted
            ? Rate(output)
            : throw new InvalidOperationException($"pgbench counted {counted} runs of {script}, but the books gained {sold} committed sales");
    }

    private static long CommittedSales(Npgsql.NpgsqlConnectionStringBuilder address)
    {
        using var connection = new Npgsql.NpgsqlConnection(address.ConnectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM sales WHERE status = 'committed' AND receipt_no IS NOT NULL", connection);
        return (long)command.ExecuteScalar()!;
    }

    private static string[] Connection(Npgsql.NpgsqlConnectionStringBuilder address) =>
        ["-h", address.Host!, "-p", address.Port.ToString(CultureInfo.InvariantCulture), "-U", address.Username!];

    private static string RunPgBench(Npgsql.NpgsqlConnectionStringBuilder address, string[] arguments)
    {
        var start = new ProcessStartInfo(PostgresTools.Find("pgbench"), arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PGPASSWORD"] = address.Password;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        // A client whose script errs aborts the run (exit 2); a failure pgbench counts instead (a deadlock, a serialisation
        // failure) is no figure either.
        var failed = FailedTransactions().Match(output);
        return process.ExitCode == 0 && (!failed.Success || failed.Groups[1].Value == "0")
            ? output
            : throw new InvalidOperationException($"pgbench failed: {error.Result}{output}");
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex Processed();

    [GeneratedRegex(@"number of failed transactions: ([0-9]+)")]
    private static partial Regex FailedTransactions();

    private static List<Desk> SetUp(string books, int count) =>
        [.. OpenAccounts(books, count).Select(reader =>
        {
            // Each counter its own back office, so its own connections.
            var own = new BackOffice(new PostgresVendingDatabase(books), new BackOfficeOptions { PasswordIterations = 1_000, AuditKey = AuditKey.Generate() });
            return new Desk(own, own.Operators.Login("admin", BenchSite.Password).Value, reader);
        })];

    /// <summary>A bench site on <paramref name="books"/> with <paramref name="count"/> accounts; their cards, each in a reader of its own.</summary>
    private static List<InMemoryCardReader> OpenAccounts(string books, int count)
    {
        var site = BenchSite.Create(new BackOffice(new PostgresVendingDatabase(books), new BackOfficeOptions { PasswordIterations = 1_000, AuditKey = AuditKey.Generate() }));
        return [.. Enumerable.Range(0, count).Select(i => site.OpenAccount($"customer {i}", MeterNumber.From(30_000_000UL + (ulong)i)))];
    }

    /// <summary>All desks sell back to back for <paramref name="length"/>; the rate of committed sales and the median sale.</summary>
    private static (double Rate, double MedianMs) Measure(List<Desk> desks, TimeSpan length)
    {
        using var ready = new CountdownEvent(desks.Count);
        var go = new ManualResetEventSlim();
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.Zero;
        var threads = desks.Select(desk => new Thread(() =>
        {
            ready.Signal();
            go.Wait();
            while (clock.Elapsed < deadline)
            {
                desk.SellOnce();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        ready.Wait();
        desks.ForEach(d => d.Reset());
        clock.Restart();
        deadline = length;
        go.Set();
        threads.ForEach(t => t.Join());
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = desks.SelectMany(d => d.Latencies).Order().ToList();
        return (all.Count / elapsed, all.Count == 0 ? 0 : all[all.Count / 2]);
    }

    private sealed class Desk(BackOffice office, OperatorSession session, InMemoryCardReader reader)
    {
        private int _swipes;

        public List<double> Latencies { get; private set; } = [];

        public void Reset() => Latencies = [];

        public void SellOnce()
        {
            var started = Stopwatch.GetTimestamp();
            var sold = office.Sales.SellAsync(session, reader, PurchaseRequest.ForEnergy(Energy.FromKilowattHours(1))).GetAwaiter().GetResult();
            if (!sold.Success)
            {
                throw new InvalidOperationException($"a load sale was refused: {sold.Refusal}");
            }

            Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Swipe();
        }

        // At a new meter time each swipe, so every sale also records a reading.
        private void Swipe() => BenchSite.Swipe(reader, Some.Moment.AddSeconds(++_swipes));
    }
}
