using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using PrepaidMeter.Benchmarks.Vending;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Benchmarks.Web;

/// <summary>
/// The web console's bounded load run (issue 27): N clerks, each at a counter of its own — its own console (Kestrel on a
/// loopback port), back office and in-memory reader with its customer's card — on one SQLite file, each selling back to back
/// through the pages as a clerk does: the sales screen (GET /counter, which reads the card), the quote, the sale (POST, the
/// redirect to the receipt), then the meter's return-write put on the card. The console's own time for each answer is read
/// from its <c>Server-Timing</c> header (network excluded); the run stops by itself. Run by tools/web-load.sh.
/// </summary>
internal static partial class WebLoad
{
    public static int Run(IReadOnlyList<string> args)
    {
        var seconds = Option(args, "--seconds", 15);
        var clerks = Option(args, "--clerks", 20);
        using var folder = new TempFolder();
        var path = folder.File("books.db");
        var key = AuditKey.Generate();
        BackOffice NewOffice() => new(new SqliteVendingDatabase(path), new BackOfficeOptions { PasswordIterations = 1_000, AuditKey = key });
        var site = BenchSite.Create(NewOffice());
        var readers = Enumerable.Range(0, clerks).Select(i => site.OpenAccount($"customer {i}", MeterNumber.From(20_000_000UL + (ulong)i))).ToList();
        var desks = readers.Select(reader => Desk.Start(NewOffice(), reader)).ToList();
        try
        {
            Measure(desks, TimeSpan.FromSeconds(2)); // warm-up: JIT, pools, SQLite's pages
            var (sales, screens, quotes, sells, client) = Measure(desks, TimeSpan.FromSeconds(seconds));
            Console.WriteLine($"# The web console under {clerks} clerks on SQLite ({seconds} s, {Environment.ProcessorCount} cores, loopback; server time from Server-Timing, ms)");
            Console.WriteLine();
            Console.WriteLine("| clerks | sales/s | sales screen p50 | sales screen p95 | quote p50 | quote p95 | sale p50 | sale p95 | every answer p95 (server) | every answer p95 (client) |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var all = screens.Concat(quotes).Concat(sells).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {clerks} | {sales / (double)seconds:F0} | {Percentile(screens, 50):F1} | {Percentile(screens, 95):F1} | {Percentile(quotes, 50):F1} | {Percentile(quotes, 95):F1} | {Percentile(sells, 50):F1} | {Percentile(sells, 95):F1} | {Percentile(all, 95):F1} | {Percentile(client, 95):F1} |"));
        }
        finally
        {
            foreach (var desk in desks)
            {
                desk.Dispose();
            }

            SqliteVendingDatabase.ClearPools();
        }

        return 0;
    }

    private static (int Sales, List<double> Screens, List<double> Quotes, List<double> Sells, List<double> Client) Measure(IReadOnlyList<Desk> desks, TimeSpan length)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var runs = desks.Select(desk => Task.Run(async () =>
        {
            var times = (Sales: 0, Screens: new List<double>(), Quotes: new List<double>(), Sells: new List<double>(), Client: new List<double>());
            while (Stopwatch.GetTimestamp() < deadline)
            {
                times.Screens.Add(await desk.Timed(HttpMethod.Get, "/counter", times.Client));
                times.Quotes.Add(await desk.Timed(HttpMethod.Post, "/counter?handler=Quote", times.Client));
                times.Sells.Add(await desk.Timed(HttpMethod.Post, "/counter?handler=Sell", times.Client, HttpStatusCode.Redirect, [("Unit", "energy"), ("Amount", "1"), .. desk.Confirmation]));
                BenchSite.Swipe(desk.Reader, Some.Moment);
                times.Sales++;
            }

            return times;
        })).ToArray();
        Task.WaitAll(runs);
        var results = runs.Select(r => r.Result).ToList();
        return (results.Sum(r => r.Sales), [.. results.SelectMany(r => r.Screens)], [.. results.SelectMany(r => r.Quotes)], [.. results.SelectMany(r => r.Sells)], [.. results.SelectMany(r => r.Client)]);
    }

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1)];
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>One counter: its console on a loopback port, its reader, a clerk signed in with the form's antiforgery token.</summary>
    private sealed partial class Desk : IDisposable
    {
        private readonly WebApplication _console;
        private readonly ConsoleClerk _clerk;

        private Desk(WebApplication console, InMemoryCardReader reader)
        {
            _console = console;
            Reader = reader;
            _clerk = ConsoleClerk.SignIn(console.Urls.Single());
        }

        public InMemoryCardReader Reader { get; }

        public static Desk Start(BackOffice office, InMemoryCardReader reader)
        {
            var console = WebConsole.Build(new WebConsoleOptions(office, "127.0.0.1:0", reader, "memory"));
            console.StartAsync().GetAwaiter().GetResult();
            return new Desk(console, reader);
        }

        /// <summary>One request of the clerk's; the console's time for it (its Server-Timing), the client's added to <paramref name="client"/>.</summary>
        public Task<double> Timed(HttpMethod method, string path, List<double> client, HttpStatusCode expected = HttpStatusCode.OK) =>
            Timed(method, path, client, expected, ("Unit", "energy"), ("Amount", "1"));

        /// <summary>The last quote's hidden fields, which the sale posts back to confirm it.</summary>
        public (string Name, string Value)[] Confirmation { get; private set; } = [];

        public async Task<double> Timed(HttpMethod method, string path, List<double> client, HttpStatusCode expected, params (string Name, string Value)[] fields)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await _clerk.SendAsync(method, path, fields);
            var body = await response.Content.ReadAsStringAsync();
            client.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode != expected || body.Contains("role=\"alert\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {body}");
            }

            if (path.EndsWith("handler=Quote", StringComparison.Ordinal))
            {
                Confirmation = [.. Quoted().Matches(body).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];
            }

            return double.Parse(Duration().Match(response.Headers.GetValues("Server-Timing").Single()).Groups[1].Value, CultureInfo.InvariantCulture);
        }

        public void Dispose()
        {
            _clerk.Dispose();
            _console.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        [GeneratedRegex("<input type=\"hidden\" name=\"(Quoted[A-Za-z]+)\" value=\"([^\"]*)\"")]
        private static partial Regex Quoted();

        [GeneratedRegex(@"dur=([0-9.]+)")]
        private static partial Regex Duration();
    }
}
