using System.CommandLine;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cli.Commands.Cards.Traces;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Setup;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Cli.Commands.Vend.Call;

/// <summary>
/// One `prepaid vend` command at work: the books (--db), the reader (--reader, --card), the operator
/// (PREPAID_OPERATOR / PREPAID_PASSWORD, or a prompt at a terminal), and how results print (--json).
/// </summary>
internal sealed class VendCall
{
    public static readonly Option<string> Db = new("--db")
    {
        Description = "The back-office database: a SQLite file, or a PostgreSQL server as postgres://USER:PASSWORD@HOST:PORT/DATABASE or an Npgsql connection string (default: $PREPAID_DB, else prepaid.db)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PREPAID_DB") is { Length: > 0 } configured ? configured : "prepaid.db",
        Recursive = true,
    };

    /// <summary>On `report`, `vend query` and `web`: where reports and queries read instead of --db (docs/concurrency.md, "Reports off the primary").</summary>
    public static readonly Option<string?> ReportDb = new("--report-db")
    {
        Description = "Read the report or query from a copy of the books instead of --db: a PostgreSQL hot standby of them, or a SQLite file copied by vend backup; --db still logs the operator in",
        Recursive = true,
    };

    public static readonly Option<string> Reader = new("--reader")
    {
        Description = "memory, folder:DIR for card files in DIR, pcsc:NAME for a PC/SC reader (\"Virtual PCD 00 00\" is vpcd's slot 0), or port:NAME for a reader the site named (vend port set)",
        DefaultValueFactory = _ => "memory",
        Recursive = true,
    };
    public static readonly Option<string> Card = new("--card") { Description = "With a folder reader: the card file in the reader (NAME or NAME.hex)", DefaultValueFactory = _ => "card", Recursive = true };
    public static readonly Option<bool> JsonOutput = new("--json") { Description = "Print the result as JSON", Recursive = true };
    public static readonly Option<string?> Trace = TraceRecording.Option(recursive: true);

    // The --trace file, opened with the first reader: one file for every reader the command opens.
    private TraceRecording? _trace;

    private VendCall(CommandContext context, BackOffice office, bool json)
    {
        Context = context;
        Office = office;
        AsJson = json;
    }

    public CommandContext Context { get; }

    public BackOffice Office { get; }

    public bool AsJson { get; }

    public OperatorSession Session { get; private set; } = null!;

    public TextWriter Output => Context.Output;

    /// <summary>Opens the books and logs the operator in, then runs the body; refusals become exit codes.</summary>
    public static Task<int> Run(ParseResult parse, Func<VendCall, Task<int>> body, bool login = true) =>
        Run(parse, body, login ? Books.LoggedIn : Books.Unopened);

    /// <summary>As <see cref="Run(ParseResult, Func{VendCall, Task{int}}, bool)"/>, saying how far the books are opened before the body runs.</summary>
    public static Task<int> Run(ParseResult parse, Func<VendCall, Task<int>> body, Books books) => CommandRun.Guarded(parse, async context =>
    {
        if (parse.GetValue(Trace) is not null && !parse.GetValue(Reader)!.StartsWith("pcsc:", StringComparison.Ordinal))
        {
            return context.Fail(ExitCodes.Usage, $"--trace records the APDUs a PC/SC reader exchanges: give --reader pcsc:NAME, not '{parse.GetValue(Reader)}'");
        }

        if (Connected(Db.Name, parse.GetValue(Db)!, VendingDatabase.Connect, out var mistake) is not { } database)
        {
            return context.Fail(ExitCodes.Usage, mistake!);
        }

        VendingDatabase? copy = null;
        if (parse.GetValue(ReportDb) is { } named && (copy = Connected(ReportDb.Name, named, VendingDatabase.ConnectCopy, out mistake)) is null)
        {
            return context.Fail(ExitCodes.Usage, mistake!);
        }

        BackOfficeOptions Options(AuditKey? key = null) =>
            new() { Time = context.Time, AfterStep = CliHooks.Current?.AfterCardWriteStep, AuditKey = key, ReportDatabase = copy };
        var options = Options();
        try
        {
            if (books == Books.Unopened)
            {
                return await Traced(new VendCall(context, new BackOffice(database, Options(AuditKeyFiles.Named(parse)?.Key)), parse.GetValue(JsonOutput)), body);
            }

            if (database is SqliteVendingDatabase { Exists: false } file)
            {
                return context.Fail(ExitCodes.Environment, $"no database {file.Path}; create one with 'prepaid vend init'");
            }

            if (new BackOffice(database, options).Open() is { } problem)
            {
                return context.Fail(ExitCodes.Environment, problem);
            }

            var key = SiteKey(parse, context, new BackOffice(database, options));
            if (!key.Success)
            {
                return key.Value;
            }

            var office = new BackOffice(database, Options(key.Key));
            if (office.Open() is { } adoption)
            {
                return context.Fail(ExitCodes.Environment, adoption);
            }

            if (copy is not null)
            {
                var checkedCopy = ReportCopy.Check(database, copy);
                if (!checkedCopy.Success)
                {
                    return context.Fail(ExitCodeOf(checkedCopy.Refusal), checkedCopy.Refusal.Message);
                }

                context.Error.WriteLine($"prepaid: {checkedCopy.Value}");
            }

            var call = new VendCall(context, office, parse.GetValue(JsonOutput));
            if (office.Recovery.Pending() is { Count: > 0 } pending)
            {
                context.Error.WriteLine($"prepaid: warning: {pending.Count} card write(s) pending since a failure: {string.Join("; ", pending)} — put the card in the reader and run 'prepaid vend recover'");
            }

            if (books == Books.Opened)
            {
                return await Traced(call, body);
            }

            var (loginName, password) = (Environment.GetEnvironmentVariable("PREPAID_OPERATOR"), Environment.GetEnvironmentVariable("PREPAID_PASSWORD"));
            if (string.IsNullOrEmpty(loginName) || password is null)
            {
                if (Console.IsInputRedirected)
                {
                    return context.Fail(ExitCodes.Environment, "no operator: set PREPAID_OPERATOR and PREPAID_PASSWORD (or run at a terminal to be asked)");
                }

                loginName = Prompt(context, "operator: ");
                password = Prompt(context, "password: ");
            }

            var session = office.Operators.Login(loginName, password);
            if (!session.Success)
            {
                return context.Fail(ExitCodeOf(session.Refusal), session.Refusal.Message);
            }

            call.Session = session.Value;
            return await Traced(call, body);
        }
        catch (VendingStorageException e)
        {
            return context.Fail(ExitCodes.Environment, e.Message);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            return context.Fail(ExitCodes.Environment, $"the database failed: {e.Message}");
        }
        catch (Exception e) when (database.IsUnavailable(e) || e is Npgsql.NpgsqlException)
        {
            // A server that went away mid-command, or refused our login: nothing half-done (each write is one transaction).
            return context.Fail(ExitCodes.Environment, $"the database {database.Describe} failed: {e.Message}");
        }
        finally
        {
            // A command's idle server connections end with it (run in process, as the tests and the lab do, they would pile up).
            database.ForgetConnections();
            copy?.ForgetConnections();
        }
    });

    /// <summary>The database <paramref name="value"/> names, or null and the usage mistake in it, said for <paramref name="option"/>.</summary>
    private static VendingDatabase? Connected(string option, string value, Func<string, VendingDatabase> connect, out string? mistake)
    {
        mistake = null;
        try
        {
            return connect(value);
        }
        catch (VendingStorageException e)
        {
            mistake = $"{option}: {e.Message}";
        }
        catch (ArgumentException)
        {
            mistake = $"{option}: give a SQLite file or a PostgreSQL address, not an empty value";
        }

        return null;
    }

    /// <summary>Runs the body, then closes the --trace file it may have opened (a trace that failed part-way is said after the result).</summary>
    private static async Task<int> Traced(VendCall call, Func<VendCall, Task<int>> body)
    {
        try
        {
            var exitCode = await body(call);
            return call._trace?.Close(call.Context, exitCode) ?? exitCode;
        }
        finally
        {
            call._trace?.Dispose();
        }
    }

    /// <summary>How far `Run` opens the books before the body.</summary>
    public enum Books
    {
        /// <summary>Not at all (init makes them).</summary>
        Unopened,

        /// <summary>Migrated and keyed, no operator (the recovery code's unlock).</summary>
        Opened,

        /// <summary>Opened and an operator logged in.</summary>
        LoggedIn,
    }

    /// <summary>
    /// The site's audit key (AuditKeyFiles says where it is looked for). Books made before there were audit keys get
    /// one now, saved where a new site's would be. No key found means read-only books, which reading commands and
    /// the audit (that then says it could not authenticate) are content with; a key named but unusable is an error.
    /// </summary>
    private static (bool Success, int Value, AuditKey? Key) SiteKey(ParseResult parse, CommandContext context, BackOffice books)
    {
        if (books.Site.AuditKeyId() is { } keyId)
        {
            var found = AuditKeyFiles.Find(parse, keyId);
            if (found.Warning is { } warning)
            {
                context.Error.WriteLine($"prepaid: warning: {warning}");
            }

            return found.Problem is { } problem ? (false, context.Fail(ExitCodes.Refused, problem), null) : (true, 0, found.Key);
        }

        var named = AuditKeyFiles.Named(parse);
        if (named?.Problem is { } namedProblem)
        {
            return (false, context.Fail(ExitCodes.Refused, namedProblem), null);
        }

        if (named?.Key is { } given)
        {
            return (true, 0, given);
        }

        var key = AuditKey.Generate();
        var path = AuditKeyFiles.Destination(parse, key)!;
        AuditKeyFiles.Save(path, key, books.Database.Describe);
        context.Error.WriteLine($"prepaid: these books had no audit key: key {key.Id} was made and saved to {path} (readable only by you); keep a copy away from the database");
        return (true, 0, key);
    }

    /// <summary>The same books with <paramref name="key"/> as their audit key (init: the key a new site is made with).</summary>
    public BackOffice WithKey(AuditKey key) =>
        new(Office.Database, new BackOfficeOptions { Time = Context.Time, AfterStep = CliHooks.Current?.AfterCardWriteStep, AuditKey = key });

    /// <summary>The reader named by --reader; null with a message when it cannot be used.</summary>
    public ICardReader? OpenReader(ParseResult parse, Option<string>? cardOption = null)
    {
        var spec = parse.GetValue(Reader)!;
        var reader = ReaderFor(parse, spec, cardOption);
        return reader is not null && CliHooks.Current?.WrapReader is { } wrap ? wrap(reader) : reader;
    }

    /// <summary>The serial settings a named serial line was set with (vend port set): its rate and its frame.</summary>
    public static Hardware.MeterLink.SerialSettings SettingsOf(NamedPort port) =>
        new(port.Baud ?? 2400, port.Frame switch { "8N1" => System.IO.Ports.Parity.None, "8O1" => System.IO.Ports.Parity.Odd, _ => System.IO.Ports.Parity.Even });

    /// <summary>
    /// A meter line as a --port option gives it: a path with the command's own settings, or port:NAME for a serial line the
    /// site named, with the rate and frame it was named with; null (the failure said, exit 2) for an unknown name or a reader's.
    /// </summary>
    public (string Path, Hardware.MeterLink.SerialSettings Settings)? SerialLineFor(string spec, Hardware.MeterLink.SerialSettings given)
    {
        if (!spec.StartsWith("port:", StringComparison.Ordinal))
        {
            return (spec, given);
        }

        var named = Office.Ports.Find(spec["port:".Length..]);
        if (named.Refused || named.Value.Kind != PortKind.Serial)
        {
            Context.Fail(ExitCodes.Refused, named.Refused ? named.Refusal.Message : $"port {named.Value.Name} is a card reader, not a serial line");
            return null;
        }

        return (named.Value.Device, SettingsOf(named.Value));
    }

    private ICardReader? ReaderFor(ParseResult parse, string spec, Option<string>? cardOption)
    {
        if (spec.StartsWith("port:", StringComparison.Ordinal))
        {
            // A reader the site named (vend port set): what the name stands for now, opened as if given itself.
            var named = Office.Ports.Find(spec["port:".Length..]);
            if (named.Refused || named.Value.Kind != PortKind.Reader)
            {
                Context.Fail(ExitCodes.Refused, named.Refused ? named.Refusal.Message : $"port {named.Value.Name} is a serial line, not a card reader");
                return null;
            }

            return ReaderFor(parse, named.Value.Device, cardOption);
        }

        if (spec == "memory")
        {
            // The in-memory reader forgets its card when the command ends; it is for demos and tests in one process.
            return new InMemoryCardReader();
        }

        var tracePath = parse.GetValue(Trace);
        if (spec.StartsWith("pcsc:", StringComparison.Ordinal) && spec.Length > "pcsc:".Length)
        {
            // Whether the reader and a card are there is found out at the first exchange, with a sentence saying which.
            // The trace file is made now, before any card is touched: one that cannot be stops the command here.
            _trace ??= tracePath is null ? null : TraceRecording.Open(tracePath, Context.Time);
            return new Hardware.Pcsc.PcscCardReader(spec["pcsc:".Length..]) { Trace = _trace?.Trace };
        }

        if (!spec.StartsWith("folder:", StringComparison.Ordinal) || spec.Length == "folder:".Length)
        {
            Context.Fail(ExitCodes.Usage, $"--reader '{spec}' must be 'memory', 'folder:DIR' or 'pcsc:NAME'");
            return null;
        }

        var folder = new FolderCardReader(spec["folder:".Length..]);
        if (!Directory.Exists(folder.Folder))
        {
            Context.Fail(ExitCodes.Environment, $"no reader folder '{folder.Folder}'");
            return null;
        }

        if (folder.Insert(parse.GetValue(cardOption ?? Card)!) is { } problem)
        {
            Context.Fail(ExitCodes.Refused, problem);
            return null;
        }

        return folder;
    }

    /// <summary>Prints a result, or the refusal on stderr with its exit code (<see cref="ExitCodeOf"/>).</summary>
    public int Print<T>(VendResult<T> result, Func<T, object?>? shape = null)
    {
        if (result.Refused)
        {
            return Fail(result.Refusal);
        }

        VendOutput.Print(Output, shape is null ? result.Value : shape(result.Value), AsJson);
        return ExitCodes.Success;
    }

    /// <summary>Says a refusal on stderr and returns its exit code (<see cref="ExitCodeOf"/>).</summary>
    public int Fail(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Context.Fail(ExitCodeOf(refusal), refusal.Message);
    }

    /// <summary>A refusal is a refused input (2), but for what the environment lacks: the database, the audit key, a file it cannot write (3).</summary>
    public static int ExitCodeOf(Refusal refusal) =>
        refusal.Reason is RefusalReason.StorageUnavailable or RefusalReason.AuditKey or RefusalReason.Unwritable ? ExitCodes.Environment : ExitCodes.Refused;

    private static string Prompt(CommandContext context, string text)
    {
        context.Error.Write(text);
        return Console.ReadLine() ?? "";
    }
}
