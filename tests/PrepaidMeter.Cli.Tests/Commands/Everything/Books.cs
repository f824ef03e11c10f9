using System.Text.RegularExpressions;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>What a command printed and how it ended.</summary>
internal readonly record struct Outcome(int Exit, string Out, string Err)
{
    /// <summary>A stack trace on stderr: an exception escaped the command instead of becoming a one-line refusal.</summary>
    public bool HasStackTrace => Regex.IsMatch(Err, @"^\s+at \S+", RegexOptions.Multiline) || Err.Contains("Unhandled exception", StringComparison.Ordinal);

    public override string ToString() => $"exit {Exit}; stdout: {Out.Trim()}; stderr: {Err.Trim()}";
}

/// <summary>
/// One site's books under test — a SQLite file or a PostgreSQL database — with its reader folder of card files, its
/// meter files, and the values earlier steps captured (ids, numbers, keys) for later steps' arguments.
/// </summary>
internal sealed partial class Books : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string? _postgres;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _owned = [];

    public Books(string store)
    {
        Db = store == "sqlite" ? _folder.File("prepaid.db") : _postgres = PostgresServer.NewSharedDatabase();
        // {folder}: where a step writes files of its own (the anchor file, the backup).
        _values["folder"] = _folder.Path;
        Directory.CreateDirectory(Cards);
    }

    public string Db { get; }

    public string Cards => _folder.File("cards");

    public string File(string name) => _folder.File(name);

    public string this[string name]
    {
        get => _values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"no step has captured {{{name}}} yet");
        set => _values[name] = value;
    }

    /// <summary>The argument with each {name} replaced by the value captured under that name.</summary>
    public string Resolve(string argument) => Placeholder().Replace(argument, m => this[m.Groups[1].Value]);

    /// <summary>The whole command line of <paramref name="step"/>, on these books, their reader folder and the step's card.</summary>
    public string[] CommandLine(CliStep step)
    {
        var words = CommandTree.LeafOf(step.Row).Split(' ');
        var variant = step.Row.Split(' ').Where(word => word.StartsWith("--", StringComparison.Ordinal));
        List<string> line = words[0] == "vend"
            ? ["vend", "--db", Db, "--reader", "folder:" + Cards, .. step.Card is { } card ? (string[])["--card", card] : [], .. words[1..]]
            : [.. words, "--db", Db];
        if (step.Json)
        {
            line.Add("--json");
        }

        return [.. line, .. step.Args.Select(Resolve), .. variant];
    }

    /// <summary>Runs `prepaid` in process as <paramref name="login"/> (null: no operator) with the step's own variables.</summary>
    public async Task<Outcome> Run(string? login, CliStep step)
    {
        var env = step.Env.ToDictionary(e => e.Key, e => e.Value is null ? null : Resolve(e.Value), StringComparer.Ordinal);
        Outcome outcome;
        using (Operators.LoggedInAs(login, env))
        {
            var (exit, output, error) = await Prepaid.RunAsync(CommandLine(step));
            outcome = new Outcome(exit, output, error);
        }

        return outcome;
    }

    /// <summary>Keeps <paramref name="thing"/> (a socat pair a step's port is one end of) until the books are disposed.</summary>
    public T Own<T>(T thing)
        where T : IDisposable
    {
        _owned.Add(thing);
        return thing;
    }

    public void Dispose()
    {
        foreach (var thing in _owned)
        {
            thing.Dispose();
        }

        SqliteVendingDatabase.ClearPools();
        if (_postgres is not null)
        {
            PostgresServer.DropSharedDatabase(_postgres);
        }

        _folder.Dispose();
    }

    [GeneratedRegex(@"\{([a-z]+)\}")]
    private static partial Regex Placeholder();
}
