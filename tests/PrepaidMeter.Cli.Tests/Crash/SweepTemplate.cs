using System.Collections.Concurrent;
using PrepaidMeter.Cli.Tests.Commands;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Cli.Tests.Crash;

/// <summary>
/// The books every crash case starts from, made once through the CLI and copied for each case (a SQLite file with its
/// card files, or a PostgreSQL database copied as a template): account 1 of customer 1 on meter 12345678 with card "li"
/// loaded, customer 2, a spare meter in stock, and blanks "new", "li2", "chg" and "tool". Also what each operation
/// leaves when it runs undisturbed, at the same stopped clock as the killed runs.
/// </summary>
public abstract class SweepTemplate : IDisposable
{
    public const string Group = "100001";
    public const string SpareMeter = "12345679";

    private readonly TempFolder _folder = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<Reference>>> _references = new(StringComparer.Ordinal);
    private readonly Lazy<Task> _made;
    private string? _postgres;

    protected SweepTemplate(bool onPostgres)
    {
        OnPostgres = onPostgres;
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
        _made = new(Make);
    }

    /// <summary>The moment every run of the sweep stamps: later than the set-up, the same for a killed run and its reference.</summary>
    public DateTimeOffset Clock { get; } = TimeProvider.System.GetUtcNow().AddHours(1).AddTicks(-(TimeProvider.System.GetUtcNow().Ticks % TimeSpan.TicksPerSecond));

    /// <summary>On PostgreSQL the books are a database on the shared server.</summary>
    public bool OnPostgres { get; }

    private string Db => _postgres ?? _folder.File("prepaid.db");

    /// <summary>A new case: a copy of the books and their card files.</summary>
    internal async Task<SweepCase> NewCase()
    {
        await _made.Value;
        SqliteVendingDatabase.ClearPools();
        var copy = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(_folder.Path, "*", SearchOption.AllDirectories))
        {
            var to = copy.File(Path.GetRelativePath(_folder.Path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return new SweepCase(copy, _postgres is null ? copy.File("prepaid.db") : PostgresServer.CopySharedDatabase(_postgres), _postgres is not null, Clock);
    }

    /// <summary>What <paramref name="operation"/> leaves when nothing stops it, and how many bytes it writes to cards.</summary>
    internal Task<Reference> ReferenceOf(SweptOperation operation) =>
        _references.GetOrAdd(operation.Name, _ => new Lazy<Task<Reference>>(async () =>
        {
            using var run = await NewCase();
            await run.Prepare(operation);
            var budget = new WriteBudget(int.MaxValue);
            var done = await run.Run(operation.Command, budget);
            done.Exit.ShouldBe(0, $"{operation} left alone: {done.Err}");
            return new Reference(run.Snapshot(), budget.Written);
        })).Value;

    private async Task Make()
    {
        _postgres = OnPostgres ? PostgresServer.NewSharedDatabase() : null;
        var counter = new CounterOnFiles(_folder, Db);
        await counter.SetUpSwipedAccount();
        (await counter.Vend("customer", "add", "--name", "Wang Fang")).Exit.ShouldBe(0);
        (await counter.Vend("meter", "stock-in", SpareMeter, "--group", Group)).Exit.ShouldBe(0);
        foreach (var blank in (string[])["new", "li2", "chg", "tool"])
        {
            (await counter.Vend("--card", blank, "card", "blank", "--group", Group)).Exit.ShouldBe(0);
        }

        SqliteVendingDatabase.ClearPools();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        if (_postgres is not null)
        {
            PostgresServer.DropSharedDatabase(_postgres);
        }

        SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    /// <summary>The books and cards an operation left alone leaves, and the bytes it wrote to cards.</summary>
    internal sealed record Reference(CaseSnapshot Snapshot, int BytesWritten);
}

/// <summary>The sweep's books in a SQLite file.</summary>
public sealed class SqliteSweepTemplate() : SweepTemplate(onPostgres: false);

/// <summary>The sweep's books in a database on the shared PostgreSQL server.</summary>
public sealed class PostgresSweepTemplate() : SweepTemplate(onPostgres: true);

/// <summary>Books and card files at one moment of a case.</summary>
internal sealed record CaseSnapshot(BooksFingerprint Books, IReadOnlyDictionary<string, string> Cards)
{
    public bool CardsMatch(CaseSnapshot other) =>
        Cards.Count == other.Cards.Count && Cards.All(c => other.Cards.TryGetValue(c.Key, out var image) && image == c.Value);

    public bool Matches(CaseSnapshot other) => CardsMatch(other) && Books.Matches(other.Books);

    public string Difference(CaseSnapshot other) =>
        string.Join('\n', Cards.Where(c => !other.Cards.TryGetValue(c.Key, out var image) || image != c.Value).Select(c => $"card {c.Key} differs")
            .Append(Books.Difference(other.Books)));
}
