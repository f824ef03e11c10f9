using System.CommandLine;
using System.Text.RegularExpressions;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Failures;

/// <summary>
/// Every file or folder a command takes, given the wrong kind of thing (a folder where a file goes, a file where a
/// folder goes) and a path that is not there: one line on stderr and exit 2 (an input) or 3 (an output, a device,
/// the books). <see cref="EveryPathInTheCommandTree_IsSweptOrSaysWhyNot"/> keeps the table complete as commands grow.
/// </summary>
public sealed partial class PathSweepTests : IClassFixture<PathSweepTests.Bench>
{
    private readonly Bench _bench;

    public PathSweepTests(Bench bench) => _bench = bench;

    /// <summary>How a slot is given a path, and the exit code (and whether the line names the path) for each variant.</summary>
    /// <param name="Args">The command line around the path.</param>
    /// <param name="WrongKind">A folder where a file goes; for a folder slot (<paramref name="Folder"/>), a file.</param>
    /// <param name="Missing">Not there: in a folder that is missing; for a folder output (made when missing), beneath a file.</param>
    /// <param name="Folder">The slot names a folder.</param>
    public sealed record Slot(Func<Bench, string, string[]> Args, (int Exit, bool NamesPath) WrongKind, (int Exit, bool NamesPath) Missing, bool Folder = false);

    private static readonly (int, bool) Input = (ExitCodes.Refused, true);

    private static readonly string[] TokenMeter = ["--meter", "01234567897", "--sgc", "123456", "--vending-key", "0123456789ABCDEF"];
    private static readonly (int, bool) Output = (ExitCodes.Environment, true);

    // Keys: the command's path and the option or argument ('*' for every report).
    public static readonly IReadOnlyDictionary<string, Slot> Slots = new Dictionary<string, Slot>(StringComparer.Ordinal)
    {
        ["card encode RECORD.json"] = new((_, p) => ["card", "encode", "-l", "legacy-bcd-v1", p], Input, Input),
        ["card encode --layout"] = new((_, p) => ["card", "encode", "-l", p, Record], Input, Input),
        ["card decode IMAGE.hex"] = new((_, p) => ["card", "decode", "-l", "legacy-bcd-v1", p], Input, Input),
        ["card decode --layout"] = new((_, p) => ["card", "decode", "-l", p, Image], Input, Input),
        ["card serve --image"] = new((_, p) => ["card", "serve", "--slot", "1", "--image", p], Input, Input),
        // The trace is made before the card goes into the slot: no pcscd needed to find it cannot be.
        ["card serve --trace"] = new((b, p) => ["card", "serve", "--slot", "1", "--image", b.Cards + "/card.hex", "--trace", p], Output, Output),
        ["card trace show TRACE.jsonl"] = new((_, p) => ["card", "trace", "show", p], Input, Input),
        ["card trace show --layout"] = new((b, p) => ["card", "trace", "show", b.Trace, "--layout", p], Input, Input),
        ["card trace export TRACE.jsonl"] = new((b, p) => ["card", "trace", "export", p, "--scriptor", b.Scratch() + "/s.scriptor"], Input, Input),
        ["card trace export --scriptor"] = new((b, p) => ["card", "trace", "export", b.Trace, "--scriptor", p], Output, Output),
        ["card trace replay TRACE.jsonl"] = new((_, p) => ["card", "trace", "replay", p, "--reader", "pcsc:No Such Reader"], Input, Input),
        ["card trace replay --card"] = new((b, p) => ["card", "trace", "replay", b.Trace, "--card", p], Input, Input),
        ["card trace import SPY.log"] = new((b, p) => ["card", "trace", "import", p, "-o", b.Scratch() + "/t.jsonl"], Input, Input),
        ["card trace import --output"] = new((_, p) => ["card", "trace", "import", RepoPaths.Fixtures("traces", "scriptor-sle4442.spy.log"), "-o", p], Output, Output),
        ["card trace diff A.jsonl"] = new((b, p) => ["card", "trace", "diff", p, b.Trace], Input, Input),
        ["card trace diff B.jsonl"] = new((b, p) => ["card", "trace", "diff", b.Trace, p], Input, Input),
        ["card trace diff --layout"] = new((b, p) => ["card", "trace", "diff", b.Trace, b.Trace, "--layout", p], Input, Input),
        ["meter new --model"] = new((_, p) => ["meter", "new", "--model", p, "--number", "1", "--group", "100001", "--secret", Secret, "--out", "x"], Input, Input),
        ["meter new --out"] = new((_, p) => ["meter", "new", "--model", "pm-ref-energy", "--number", "1", "--group", "100001", "--secret", Secret, "--out", p], Output, Output),
        ["meter insert --meter"] = new((b, p) => ["meter", "insert", "--meter", p, b.Card], Input, Input),
        ["meter insert CARD.hex"] = new((b, p) => ["meter", "insert", "--meter", b.Meter, p], Input, Input),
        ["meter run --meter"] = new((_, p) => ["meter", "run", "--meter", p, "--load", "1kW", "--for", "1h"], Input, Input),
        ["meter run --profile"] = new((b, p) => ["meter", "run", "--meter", b.Meter, "--profile", p, "--for", "1h"], Input, Input),
        ["meter remote --meter"] = new((_, p) => ["meter", "remote", "--meter", p, "trip"], Input, Input),
        ["meter serve --meter"] = new((_, p) => ["meter", "serve", "--meter", p, "--serial", "/dev/null"], Input, Input),
        ["meter serve --folder"] = new((_, p) => ["meter", "serve", "--folder", p, "--serial", "/dev/null"], Input, Input, Folder: true),
        ["meter serve --serial"] = new((b, p) => ["meter", "serve", "--meter", b.Meter, "--serial", p], Output, Output),
        ["meter show METER.nvram"] = new((_, p) => ["meter", "show", p], Input, Input),
        ["meter token METER.nvram"] = new((_, p) => ["meter", "token", p, "1234 5678 9012 3456 7890"], Input, Input),
        ["meter keypad METER.nvram"] = new((_, p) => ["meter", "keypad", p, "1#"], Input, Input),
        ["link read --port"] = new((_, p) => ["link", "read", "--port", p, "00900200"], Output, Output),
        ["link control --port"] = new((_, p) => ["link", "control", "--port", p, "trip"], Output, Output),
        ["link write --port"] = new((_, p) => ["link", "write", "--port", p, "04001001", "20.00"], Output, Output),
        ["link time --port"] = new((_, p) => ["link", "time", "--port", p], Output, Output),
        // A trace file is opened before the port, so a bad one stops the command before anything is sent.
        ["link read --trace"] = new((_, p) => ["link", "read", "--port", "/dev/null", "--trace", p, "00900200"], Output, Output),
        ["link write --trace"] = new((_, p) => ["link", "write", "--port", "/dev/null", "--trace", p, "04001001", "20.00"], Output, Output),
        ["link control --trace"] = new((_, p) => ["link", "control", "--port", "/dev/null", "--trace", p, "trip"], Output, Output),
        ["link time --trace"] = new((_, p) => ["link", "time", "--port", "/dev/null", "--trace", p], Output, Output),
        ["link trace show FILE"] = new((_, p) => ["link", "trace", "show", p], Input, Input),
        ["link cjt188 read --port"] = new((_, p) => ["link", "cjt188", "read", "--port", p], Output, Output),
        ["link cjt188 address --port"] = new((_, p) => ["link", "cjt188", "address", "--port", p], Output, Output),
        ["link cjt188 valve --port"] = new((_, p) => ["link", "cjt188", "valve", "--port", p, "--address", "78330011223344", "close"], Output, Output),
        ["link cjt188 read --trace"] = new((_, p) => ["link", "cjt188", "read", "--port", "/dev/null", "--trace", p], Output, Output),
        ["link cjt188 address --trace"] = new((_, p) => ["link", "cjt188", "address", "--port", "/dev/null", "--trace", p], Output, Output),
        ["link cjt188 valve --trace"] = new((_, p) => ["link", "cjt188", "valve", "--port", "/dev/null", "--address", "78330011223344", "--trace", p, "close"], Output, Output),
        // The device's trace is created before its reader is looked for: no pcscd needed to find a bad one.
        ["meter run --trace"] = new((b, p) => ["meter", "run", "--meter", b.Meter, "--reader", "pcsc:No Such Reader", "--trace", p], Output, Output),
        ["meter serve --trace"] = new((b, p) => ["meter", "serve", "--meter", b.Meter, "--serial", "/dev/null", "--trace", p], Output, Output),
        ["vend --db"] = new((_, p) => ["vend", "--db", p, "query", "purchases"], Output, Output),
        // vend's commands answer a reader they cannot open with 2 whatever its reason (VendCall's callers).
        ["vend --reader"] = new((b, p) => ["vend", "--db", b.Db, "--reader", "folder:" + p, "recover"], Input, Input, Folder: true),
        // The trace is made when the reader is opened, before the card is reached: no pcscd needed to find it cannot be.
        ["vend --trace"] = new((b, p) => ["vend", "--db", b.Db, "--reader", "pcsc:No Such Reader", "--trace", p, "card", "read"], Output, Output),
        ["vend --card"] = new((b, p) => ["vend", "--db", b.Db, "--reader", "folder:" + b.Cards, "--card", p, "recover"], Input, Input),
        ["vend token group set --vending-key-file"] = new((b, p) => ["vend", "--db", b.Db, "token", "group", "set", "--code", "100001", "--medium", "token", "--vending-key-file", p], Input, Input),
        ["vend group add --model"] = new((b, p) => ["vend", "--db", b.Db, "group", "add", "--code", "100002", "--name", "x", "--secret", Secret, "--model", p], Input, Input),
        ["vend group add --layout"] = new((b, p) => ["vend", "--db", b.Db, "group", "add", "--code", "100002", "--name", "x", "--secret", Secret, "--model", "pm-ref-energy", "--layout", p], Input, Input),
        ["vend price add --tariff"] = new((b, p) => ["vend", "--db", b.Db, "price", "add", "--group", "100001", "--name", "x", "--tariff", p], Input, Input),
        ["vend price adjust --tariff"] = new((b, p) => ["vend", "--db", b.Db, "price", "adjust", "1", "--from", "2030-01-01", "--tariff", p], Input, Input),
        ["vend price correct --tariff"] = new((b, p) => ["vend", "--db", b.Db, "price", "correct", "1", "--tariff", p], Input, Input),
        ["vend meter-change card --user-card"] = new((b, p) => ["vend", "--db", b.Db, "--reader", "folder:" + b.Cards, "meter-change", "card", "--account", "1", "--user-card", p], Input, Input),
        ["vend meter-change complete --change-card"] = new((b, p) => ["vend", "--db", b.Db, "--reader", "folder:" + b.Cards, "meter-change", "complete", "--change-card", p, "--new-meter", "12345678"], Input, Input),
        ["vend invoice template set FILE"] = new((b, p) => ["vend", "--db", b.Db, "invoice", "template", "set", p], Input, Input),
        // The output is checked before the books are read: the sweep's books have no receipt 1.
        ["vend invoice print --out"] = new((b, p) => ["vend", "--db", b.Db, "invoice", "print", "--receipt", "1", "--out", p], Output, Output),
        // The port is opened after the login and the function's check, before any meter is looked up.
        ["vend reading round --port"] = new((b, p) => ["vend", "--db", b.Db, "reading", "round", "--port", p, "--meters", "12345678"], Output, Output),
        ["vend backup FILE"] = new((b, p) => ["vend", "--db", b.Db, "backup", p], Output, Output),
        ["vend restore FILE"] = new((b, p) => ["vend", "--db", b.Db, "restore", p], Input, Input),
        ["vend --audit-key"] = new((b, p) => ["vend", "--db", b.Db, "--audit-key", p, "query", "purchases"], Input, Input),
        ["vend audit verify --anchors"] = new((b, p) => ["vend", "--db", b.Db, "audit", "verify", "--anchors", p], Input, Input),
        ["vend audit anchor --anchors"] = new((b, p) => ["vend", "--db", b.Db, "audit", "anchor", "--anchors", p], Output, Output),
        ["report --db"] = new((_, p) => ["report", "monthly", "--db", p], Output, Output),
        // A copy to read instead of the books: read, never made, so a folder or a missing file is refused input.
        ["report --report-db"] = new((b, p) => ["report", "monthly", "--db", b.Db, "--report-db", p], Input, Input),
        ["vend query --report-db"] = new((b, p) => ["vend", "--db", b.Db, "query", "purchases", "--report-db", p], Input, Input),
        ["web --report-db"] = new((b, p) => ["web", "--db", b.Db, "--report-db", p, "--listen", "127.0.0.1:0"], Input, Input),
        // The web console opens the books, the key and the reader as `vend` does, before it listens.
        ["web --db"] = new((_, p) => ["web", "--db", p, "--listen", "127.0.0.1:0"], Output, Output),
        ["web --reader"] = new((b, p) => ["web", "--db", b.Db, "--reader", "folder:" + p, "--listen", "127.0.0.1:0"], Input, Input, Folder: true),
        ["web --card"] = new((b, p) => ["web", "--db", b.Db, "--reader", "folder:" + b.Cards, "--card", p, "--listen", "127.0.0.1:0"], Input, Input),
        ["web --audit-key"] = new((b, p) => ["web", "--db", b.Db, "--audit-key", p, "--listen", "127.0.0.1:0"], Input, Input),
        ["web --meters"] = new((b, p) => ["web", "--db", b.Db, "--meters", p, "--listen", "127.0.0.1:0"], Input, Input, Folder: true),
        ["web --second-reader"] = new((b, p) => ["web", "--db", b.Db, "--second-reader", "folder:" + p, "--listen", "127.0.0.1:0"], Input, Input, Folder: true),
        // The STA's table file is read before the key: a bad one stops the command before any token is made.
        ["token credit --sta-tables"] = new((_, p) => ["token", "credit", .. TokenMeter, "--amount", "1", "--sta-tables", p], Input, Input),
        ["token management --sta-tables"] = new((_, p) => ["token", "management", "clear-tamper", .. TokenMeter, "--sta-tables", p], Input, Input),
        ["token keychange --sta-tables"] = new((_, p) => ["token", "keychange", .. TokenMeter, "--new-krn", "2", "--sta-tables", p], Input, Input),
        ["token decode --sta-tables"] = new((_, p) => ["token", "decode", "5617 0239 1678 3498 5168", .. TokenMeter, "--sta-tables", p], Input, Input),
        ["token vectors FILE"] = new((_, p) => ["token", "vectors", p], Input, Input),
        ["token vectors --sta-tables"] = new((_, p) => ["token", "vectors", RepoPaths.Fixtures("sts", "public-vectors.json"), "--sta-tables", p], Input, Input),
        ["report * --xlsx"] = new((b, p) => ["report", "monthly", "--db", b.Db, "--xlsx", p], Output, Output),
        ["report * --chart"] = new((b, p) => ["report", "monthly", "--db", b.Db, "--chart", p], Output, Output),
        ["lab run SCENARIO"] = new((_, p) => ["lab", "run", p], Input, Input),
        ["lab run --junit"] = new((_, p) => ["lab", "run", "card-not-swiped", "--junit", p], Output, Output),
        ["lab run --report"] = new((_, p) => ["lab", "run", "card-not-swiped", "--report", p], Output, Output, Folder: true),
        ["lab run --bench-serial"] = new((_, p) => ["lab", "run", "card-not-swiped", "--target", "bench", "--bench-reader", "X", "--bench-serial", p], Output, Output),
        ["certify --model"] = new((_, p) => ["certify", "--model", p, "--out", "x"], Input, Input),
        ["certify --out"] = new((_, p) => ["certify", "--model", "pm-ref-energy", "--out", p], Output, Output, Folder: true),
        ["certify --bench-serial"] = new((b, p) => ["certify", "--model", "pm-ref-energy", "--out", b.Scratch(), "--target", "bench", "--bench-reader", "X", "--bench-serial", p], Output, Output),
        ["layout check FILE"] = new((_, p) => ["layout", "check", p], Input, Input),
        ["model check FILE"] = new((_, p) => ["model", "check", p], Input, Input),
        ["lab check FILE"] = new((_, p) => ["lab", "check", p], Input, Input),
        ["demo --out"] = new((_, p) => ["demo", "--out", p], Output, Output, Folder: true),
    };

    // Options and arguments that read as paths but that no test here can give one to, and why.
    private static readonly Dictionary<string, string> NotSwept = new(StringComparer.Ordinal)
    {
        ["meter run --serial"] = "opened after the PC/SC reader, which needs pcscd and vpcd; the same SerialPortLine.TryOpen as 'meter serve --serial'",
        ["card serve --media"] = "a card medium (sle4442 or cpu); its help speaks of the card file's psc",
        ["card trace replay --media"] = "a card medium (sle4442 or cpu); its help speaks of the card file's psc",
        ["vend payments serve --listen"] = "a TCP address (HOST:PORT), not a path",
        ["web --listen"] = "a TCP address (HOST:PORT), not a path",
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var slot in Slots.Keys)
        {
            data.Add(slot, "wrong-kind");
            data.Add(slot, "missing");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PathSlot_WrongKindOrMissing_OneLineExit2Or3(string slot, string variant)
    {
        var spec = Slots[slot];
        var (path, expected) = variant == "wrong-kind"
            ? (spec.Folder ? _bench.AFile() : _bench.AFolder(), spec.WrongKind)
            : (spec.Folder ? Path.Combine(_bench.AFile(), "beneath") : Path.Combine(_bench.Scratch(), "no-such-folder", "x.txt"), spec.Missing);

        var (exit, _, error) = await Prepaid.RunAsync(spec.Args(_bench, path));

        var line = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem($"{slot}, {variant}: {error}");
        line.ShouldStartWith("prepaid: ");
        line.ShouldNotContain(" at ");
        exit.ShouldBe(expected.Exit, line);
        if (expected.NamesPath)
        {
            line.ShouldContain(path, Case.Sensitive, line);
        }
    }

    [Fact]
    public void EveryPathInTheCommandTree_IsSweptOrSaysWhyNot()
    {
        var found = PathSymbols(PrepaidApp.BuildRoot(), "").ToList();

        found.ShouldNotBeEmpty();
        var uncovered = found.Where(key => !Slots.ContainsKey(key) && !Slots.ContainsKey(Regex.Replace(key, "^report [^ ]+ ", "report * ")) && !NotSwept.ContainsKey(key));
        uncovered.ShouldBeEmpty("path options and arguments with no row in the sweep");
        Slots.Keys.Where(key => !key.Contains('*', StringComparison.Ordinal)).Concat(NotSwept.Keys).Except(found).ShouldBeEmpty("rows for no option in the tree");
    }

    // Arguments named like files (FILE, DIR, NAME.ext, SCENARIO) and options whose help speaks of a file, a folder, a path or a port.
    private static IEnumerable<string> PathSymbols(Command command, string prefix)
    {
        var path = prefix.Length == 0 ? "" : prefix + " ";
        foreach (var argument in command.Arguments.Where(a => ArgumentLike().IsMatch(a.Name)))
        {
            yield return path + argument.Name;
        }

        foreach (var option in command.Options.Where(o => o.Description is { } d && HelpLike().IsMatch(d) && o.Name != "--help"))
        {
            yield return path + option.Name;
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var key in PathSymbols(sub, path + sub.Name))
            {
                yield return key;
            }
        }
    }

    [GeneratedRegex(@"FILE|DIR|SCENARIO|\.[a-z]+$")]
    private static partial Regex ArgumentLike();

    [GeneratedRegex(@"\b(file|files|folder|path|port)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HelpLike();

    private const string Secret = "5052455041494430";

    private static string Record => RepoPaths.Fixtures("cards", "legacy-bcd-v1", "set.json");

    private static string Image => RepoPaths.Fixtures("cards", "legacy-bcd-v1", "set.hex");

    /// <summary>A meter file, a card file in a reader folder, and the books, made once for the sweep.</summary>
    public sealed class Bench : IAsyncLifetime, IDisposable
    {
        private readonly TempFolder _folder = new();

        public string Meter => _folder.File("m.nvram");

        public string Card => _folder.File("card.hex");

        public string Cards => _folder.File("cards");

        public string Db => _folder.File("prepaid.db");

        /// <summary>A trace of one exchange.</summary>
        public string Trace => _folder.File("trace.jsonl");

        /// <summary>A new empty folder.</summary>
        public string Scratch() => Directory.CreateDirectory(_folder.File(Guid.NewGuid().ToString("N"))).FullName;

        /// <summary>A new folder whose name says it should be a file.</summary>
        public string AFolder() => Directory.CreateDirectory(Path.Combine(Scratch(), "given.hex")).FullName;

        /// <summary>A new file whose name says it should be a folder.</summary>
        public string AFile()
        {
            var file = Path.Combine(Scratch(), "given");
            File.WriteAllText(file, "not a folder");
            return file;
        }

        public async Task InitializeAsync()
        {
            Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
            Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
            Directory.CreateDirectory(Cards);
            FolderCardReader.Save(Path.Combine(Cards, "card.hex"), new MemoryCard(new byte[CardMedium.Sle4442.Capacity]));
            File.Copy(Image, Card);
            File.WriteAllText(Trace, """{"time":"2026-11-23T08:30:00.000000Z","side":"reader","reader":"r","session":1,"command":"FFA400000106","response":"9000","sw":"9000","ms":0.5}""" + "\n");
            (await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-energy", "--number", "12345678", "--group", "100001", "--secret", Secret, "--out", Meter)).Exit.ShouldBe(0);
            (await Prepaid.RunAsync("vend", "--db", Db, "init", "--station", "0001", "--name", "Sweep")).Exit.ShouldBe(0);
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose()
        {
            PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
            _folder.Dispose();
        }
    }
}
