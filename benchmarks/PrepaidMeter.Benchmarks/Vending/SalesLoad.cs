using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Services;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Benchmarks.Vending;

/// <summary>
/// A measured load run (issue 8): whole sales per second on PostgreSQL with 1, 4 and 16 counters, each
/// counter its own back office (own connection pool), reader and customers, selling back to back — read
/// and check the card, price, record pending, write and verify the card, commit with receipt and log
/// entry — with the meter's return-write put on the card between sales. The ceiling is pgbench's
/// simple-update transaction (-N, prepared) with as many clients, on the same server, which runs with
/// PostgreSQL's durable defaults (fsync, synchronous commit). Run by tools/load.sh.
/// </summary>
internal static partial class SalesLoad
{
    public static int Run(IReadOnlyList<string> args)
    {
        var seconds = Option(args, "--seconds", 15);
        var counters = (args.SkipWhile(a => a != "--counters").Skip(1).FirstOrDefault() ?? "1,4,16").Split(',').Select(int.Parse).ToList();
        using var server = PostgresServer.StartPrivate(durable: true);
        Console.WriteLine($"# Sales per second on PostgreSQL against pgbench -N ({seconds} s per run, {Environment.ProcessorCount} cores, durable server defaults)");
        var ceiling = PgBench(server, counters, seconds);
        var books = server.NewDatabase();
        if (args.Contains("--async-commit"))
        {
            // A diagnosis, never a figure: how much of the gap is waiting for the commit to reach the disk.
            using var connection = new Npgsql.NpgsqlConnection(PostgresAddress.Parse(books).ConnectionString);
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand("ALTER SYSTEM SET synchronous_commit = off; SELECT pg_reload_conf();", connection);
            command.ExecuteNonQuery();
        }

        var desks = SetUp(books, counters.Max());
        Console.WriteLine();
        Console.WriteLine("| counters | sales/s | median sale ms | pgbench -N tps | sales/s ÷ pgbench |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var n in counters)
        {
            Measure(desks.Take(n).ToList(), TimeSpan.FromSeconds(2));
            var (rate, median) = Measure(desks.Take(n).ToList(), TimeSpan.FromSeconds(seconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n} | {rate:F0} | {median:F2} | {ceiling[n]:F0} | {rate / ceiling[n]:P0} |"));
        }

        return 0;
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>pgbench's simple-update rate per client count, on its own database of the same server.</summary>
    private static Dictionary<int, double> PgBench(PostgresServer server, List<int> clients, int seconds)
    {
        var address = PostgresAddress.Parse(server.NewDatabase());
        string[] connection = ["-h", address.Host!, "-p", address.Port.ToString(CultureInfo.InvariantCulture), "-U", address.Username!];
        RunPgBench(address, [.. connection, "-i", "-q", "-s", "16", address.Database!]);
        var rates = new Dictionary<int, double>();
        foreach (var n in clients)
        {
            var output = RunPgBench(address, [.. connection, "-N", "-M", "prepared", "-c", n.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), address.Database!]);
            rates[n] = double.Parse(Tps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return rates;
    }

    private static string RunPgBench(Npgsql.NpgsqlConnectionStringBuilder address, string[] arguments)
    {
        var start = new ProcessStartInfo(PostgresTools.Find("pgbench"), arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PGPASSWORD"] = address.Password;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"pgbench failed: {error.Result}");
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();

    private static List<Desk> SetUp(string books, int count)
    {
        var site = BenchSite.Create(new BackOffice(new PostgresVendingDatabase(books), new BackOfficeOptions { PasswordIterations = 1_000 }));
        var desks = new List<Desk>();
        for (var i = 0; i < count; i++)
        {
            var reader = site.OpenAccount($"customer {i}", MeterNumber.From(30_000_000UL + (ulong)i));
            // Each counter its own back office, so its own connections.
            var own = new BackOffice(new PostgresVendingDatabase(books), new BackOfficeOptions { PasswordIterations = 1_000 });
            desks.Add(new Desk(own, own.Operators.Login("admin", BenchSite.Password).Value, reader));
        }

        return desks;
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
