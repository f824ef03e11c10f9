using System.CommandLine;
using System.Diagnostics;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Services;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Cli.Commands.Vend;

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
    public static readonly Option<string> Reader = new("--reader")
    {
        Description = "memory, folder:DIR for card files in DIR, or pcsc:NAME for a PC/SC reader (\"Virtual PCD 00 00\" is vpcd's slot 0)",
        DefaultValueFactory = _ => "memory",
        Recursive = true,
    };
    public static readonly Option<string> Card = new("--card") { Description = "With a folder reader: the card file in the reader (NAME or NAME.hex)", DefaultValueFactory = _ => "card", Recursive = true };
    public static readonly Option<bool> JsonOutput = new("--json") { Description = "Print the result as JSON", Recursive = true };

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
    public static Task<int> Run(ParseResult parse, Func<VendCall, Task<int>> body, bool login = true) => PrepaidApp.Guarded(parse, async context =>
    {
        VendingDatabase database;
        try
        {
            database = VendingDatabase.Connect(parse.GetValue(Db)!);
        }
        catch (VendingStorageException e)
        {
            return context.Fail(ExitCodes.Usage, $"--db: {e.Message}");
        }

        var office = new BackOffice(database, new BackOfficeOptions { Time = context.Time, AfterStep = CrashHook() });
        var call = new VendCall(context, office, parse.GetValue(JsonOutput));
        try
        {
            if (!login)
            {
                return await body(call);
            }

            if (database is SqliteVendingDatabase { Exists: false } file)
            {
                return context.Fail(ExitCodes.Environment, $"no database {file.Path}; create one with 'prepaid vend init'");
            }

            if (office.Open() is { } problem)
            {
                return context.Fail(ExitCodes.Environment, problem);
            }

            if (office.Recovery.Pending() is { Count: > 0 } pending)
            {
                context.Error.WriteLine($"prepaid: warning: {pending.Count} card write(s) pending since a failure: {string.Join("; ", pending)} — put the card in the reader and run 'prepaid vend recover'");
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
                return context.Fail(ExitCodes.Refused, session.Refusal!.Message);
            }

            call.Session = session.Value;
            return await body(call);
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
    });

    /// <summary>The reader named by --reader; null with a message when it cannot be used.</summary>
    public ICardReader? OpenReader(ParseResult parse, Option<string>? cardOption = null)
    {
        var spec = parse.GetValue(Reader)!;
        if (spec == "memory")
        {
            // The in-memory reader forgets its card when the command ends; it is for demos and tests in one process.
            return new InMemoryCardReader();
        }

        if (spec.StartsWith("pcsc:", StringComparison.Ordinal) && spec.Length > "pcsc:".Length)
        {
            // Whether the reader and a card are there is found out at the first exchange, with a sentence saying which.
            return new Hardware.Pcsc.PcscCardReader(spec["pcsc:".Length..]);
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

    /// <summary>Prints a result, or the refusal on stderr with exit code 2.</summary>
    public int Print<T>(VendResult<T> result, Func<T, object?>? shape = null)
    {
        if (!result.Success)
        {
            return Context.Fail(ExitCodes.Refused, result.Refusal!.Message);
        }

        VendOutput.Print(Output, shape is null ? result.Value : shape(result.Value), AsJson);
        return ExitCodes.Success;
    }

    // Crash tests set PREPAID_CRASH_AT to kill this process, abruptly, at a step of a card write.
    private static Action<CardWriteStep>? CrashHook()
    {
        var at = Environment.GetEnvironmentVariable("PREPAID_CRASH_AT");
        if (string.IsNullOrEmpty(at) || !Enum.TryParse<CardWriteStep>(at, ignoreCase: true, out var step))
        {
            return null;
        }

        return reached =>
        {
            if (reached == step)
            {
                using var self = Process.GetCurrentProcess();
                self.Kill();
            }
        };
    }

    private static string Prompt(CommandContext context, string text)
    {
        context.Error.Write(text);
        return Console.ReadLine() ?? "";
    }
}
