using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Testing;

/// <summary>
/// A real PostgreSQL server of the Debian package for tests: a throwaway cluster in a temporary folder,
/// on a free loopback port, password-authenticated with a throwaway password, removed on dispose. The
/// shared one is the cluster tools/test.sh started (PREPAID_TEST_POSTGRES), or one started for this
/// test process when the tests run without the script. A fault test starts its own, to stop it.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string User = "prepaid";
    private const string FolderPrefix = "prepaid-pg-";

    // The test process that started the server, written in its folder: the sweep stops servers whose process has gone.
    private const string OwnerFile = "owner.pid";
    private static readonly Lazy<SharedServer> Shared = new(SharedServer.Find);
    private readonly string _folder;
    private readonly string _password = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
    private readonly bool _durable;

    private PostgresServer(bool durable, PostgresServer? following = null)
    {
        _durable = durable;
        SweepAbandoned();
        _folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N"));
        Port = FreePort();
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (following is not null)
        {
            // A hot standby: a base backup of the primary over a replication connection, -R to follow it (its password too),
            // through a replication slot so the primary keeps the WAL it has not yet received.
            _password = following._password;
            AsServerUser(_folder);
            Run("pg_basebackup", "--pgdata", DataFolder, "--dbname", following.Url("postgres").Replace("postgres://", "postgresql://", StringComparison.Ordinal),
                "--write-recovery-conf", "--wal-method", "stream", "--create-slot", "--slot", "standby_" + Guid.NewGuid().ToString("N")[..12],
                "--checkpoint", "fast", "--no-sync");
            Start();
            return;
        }

        var passwordFile = Path.Combine(_folder, "password");
        File.WriteAllText(passwordFile, _password);
        AsServerUser(_folder);
        Run("initdb", "--pgdata", DataFolder, "--username", User, "--pwfile", passwordFile, "--auth", "scram-sha-256", "--encoding", "UTF8", "--locale", "C", "--no-sync");
        File.Delete(passwordFile);
        Start();
    }

    public int Port { get; }

    /// <summary>The administrator's address (database "postgres").</summary>
    public string AdminUrl => Url("postgres");

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>
    /// Starts a private server. <paramref name="durable"/> keeps PostgreSQL's default fsync and commit
    /// settings (for figures); otherwise they are off, as suits a cluster thrown away after the run.
    /// </summary>
    public static PostgresServer StartPrivate(bool durable = false) => new(durable);

    /// <summary>Starts a hot standby streaming from this server (its own folder and port; read-only).</summary>
    public PostgresServer StartStandby() => new(_durable, following: this);

    /// <summary>A new, empty database on the shared test server; its address.</summary>
    public static string NewSharedDatabase() => Shared.Value.NewDatabase();

    /// <summary>Drops a database made by <see cref="NewSharedDatabase"/> (connections still open are closed).</summary>
    public static void DropSharedDatabase(string url) => Shared.Value.Drop(url);

    /// <summary>A new database on the shared server that starts as a copy of <paramref name="url"/> (which nobody may be connected to).</summary>
    public static string CopySharedDatabase(string url) => Shared.Value.Copy(url);

    public string Url(string database) => $"postgres://{User}:{_password}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{database}";

    /// <summary>A new, empty database on this server; its connection string.</summary>
    public string NewDatabase() => CreateDatabase(AdminUrl);

    public void Start()
    {
        var settings = _durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        Run("pg_ctl", "--pgdata", DataFolder, "--log", Path.Combine(_folder, "server.log"), "--wait", "--timeout", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_folder} -c max_connections=200{settings}", "start");
    }

    /// <summary>Stops the server at once (clients are disconnected), as a crash or an operator would.</summary>
    public void Stop() => Run("pg_ctl", "--pgdata", DataFolder, "--mode", "immediate", "--wait", "stop");

    public void Dispose()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            Run("pg_ctl", "--pgdata", DataFolder, "--mode", "immediate", "--wait", "stop");
        }
        catch (InvalidOperationException)
        {
            // Stopped already.
        }

        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// Removes the folders of earlier private servers that are stopped and an hour old, and stops the servers whose test
    /// process has gone. The shared one (and a standby pair) is stopped when its test process exits, but the test host may
    /// end that process before its exit handler has stopped the server: it would run on, holding its folder.
    /// </summary>
    private static void SweepAbandoned()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            // Only this class's own names (a GUID after the prefix): tools/test.sh looks after its cluster itself.
            var ours = Path.GetFileName(folder).Length == FolderPrefix.Length + 32;
            var data = Path.Combine(folder, "data");
            var running = File.Exists(Path.Combine(data, "postmaster.pid"));
            var orphaned = ours && Orphaned(folder);
            if (orphaned && running)
            {
                try
                {
                    Run("pg_ctl", "--pgdata", data, "--mode", "immediate", "--wait", "stop");
                    running = false;
                }
                catch (InvalidOperationException)
                {
                    // Stopped meanwhile, or not ours to stop.
                }
            }

            if (ours && !running && (orphaned || Directory.GetLastWriteTimeUtc(folder) < TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-1)))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another test process got there first, or it is not ours to remove.
                }
            }
        }
    }

    /// <summary>The test process that started the server in <paramref name="folder"/> has ended (a folder from before owners were written is left alone).</summary>
    private static bool Orphaned(string folder)
    {
        var owner = Path.Combine(folder, OwnerFile);
        if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>A new database on the server of <paramref name="adminUrl"/> (a copy of <paramref name="template"/> when given); its address.</summary>
    internal static string CreateDatabase(string adminUrl, string? template = null)
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..20];
        Admin(adminUrl, (template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}") + FileCopy(adminUrl));
        var address = PostgresAddress.Parse(adminUrl);
        address.Database = name;
        return address.ConnectionString;
    }

    /// <summary>Drops the database <paramref name="url"/> names on the server of <paramref name="adminUrl"/> (connections still open are closed).</summary>
    internal static void DropDatabase(string adminUrl, string url) =>
        Admin(adminUrl, $"DROP DATABASE IF EXISTS {PostgresAddress.Parse(url).Database} WITH (FORCE)");

    /// <summary>
    /// PostgreSQL 15 and later copy a new database's template page by page into the WAL unless told to copy its files: the
    /// suite's hundreds of databases would be gigabytes of WAL for the run's standby to replay (PostgresReplica).
    /// </summary>
    private static string FileCopy(string adminUrl)
    {
        using var connection = new NpgsqlConnection(PostgresAddress.Parse(adminUrl).ConnectionString);
        connection.Open();
        using var version = new NpgsqlCommand("SELECT current_setting('server_version_num')::int", connection);
        return (int)version.ExecuteScalar()! >= 150000 ? " STRATEGY FILE_COPY" : "";
    }

    private static void Admin(string url, string sql)
    {
        using var connection = new NpgsqlConnection(PostgresAddress.Parse(url).ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // initdb and postgres refuse to run as root: as root (CI), the cluster belongs to the package's postgres user.
    private static bool IsRoot => Environment.UserName == "root";

    private static void AsServerUser(string folder)
    {
        if (IsRoot)
        {
            Process.Start("chown", ["-R", "postgres:postgres", folder])!.WaitForExit();
        }
    }

    private static void Run(string tool, params string[] arguments)
    {
        var program = PostgresTools.Find(tool);
        var start = IsRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments]) : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    /// <summary>The run's shared server: the script's, or one of this process's own.</summary>
    private sealed class SharedServer(string adminUrl)
    {
        public static SharedServer Find()
        {
            if (Environment.GetEnvironmentVariable("PREPAID_TEST_POSTGRES") is { Length: > 0 } url)
            {
                return new SharedServer(url);
            }

            var own = StartPrivate();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => own.Dispose();
            return new SharedServer(own.AdminUrl);
        }

        public string NewDatabase() => CreateDatabase(adminUrl);

        public string Copy(string connection)
        {
            NpgsqlConnection.ClearAllPools();
            return CreateDatabase(adminUrl, PostgresAddress.Parse(connection).Database);
        }

        public void Drop(string connection) => DropDatabase(adminUrl, connection);
    }
}
