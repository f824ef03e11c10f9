using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// `prepaid vend init`'s audit key and recovery code, and `vend audit verify|anchor` as a site uses them: the books are
/// checked as a whole, the head is anchored outside them, and without the key they are read-only.
/// </summary>
public sealed class AuditCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public AuditCommandsTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

    private string Db => _folder.File("prepaid.db");

    public void Dispose()
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    private Task<(int Exit, string Out, string Err)> Vend(params string[] args) => Prepaid.RunAsync(["vend", "--db", Db, .. args]);

    [Fact]
    public async Task Init_KeepsTheKeyOutsideTheBooksReadableByItsOwnerOnly_AndShowsTheRecoveryCodeOnce()
    {
        var init = await Vend("--json", "init", "--station", "0001", "--name", "Audit");

        init.Exit.ShouldBe(0, init.Err);
        using var json = JsonDocument.Parse(init.Out);
        var keyFile = json.RootElement.GetProperty("auditKeyFile").GetString()!;
        var keyId = json.RootElement.GetProperty("auditKeyId").GetString()!;
        json.RootElement.GetProperty("recoveryCode").GetString()!.ShouldMatch("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$");
        keyFile.ShouldBe(Path.Combine(KeyFolder.Path, "prepaid", "audit-keys", keyId + ".key"));
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(keyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var secret = File.ReadAllLines(keyFile).Single(line => !line.StartsWith('#'));
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        (await File.ReadAllBytesAsync(Db)).AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(secret)).ShouldBe(-1, "the key is not in the database");
        (await Vend("site", "show")).Out.ShouldNotContain(json.RootElement.GetProperty("recoveryCode").GetString()!);
    }

    [Fact]
    public async Task AuditVerify_UntouchedThenASaleEdited_Exit0ThenExit2NamingTheRow()
    {
        var counter = new CounterOnFiles(_folder, Db);
        await counter.SetUpSwipedAccount();

        var intact = await Vend("audit", "verify");
        intact.Exit.ShouldBe(0, intact.Err);
        intact.Out.ShouldStartWith("the books verify:");
        intact.Out.ShouldContain("authenticated with the site's audit key");

        Execute("UPDATE sales SET money = 1, credit = 100000 WHERE id = 1");
        var broken = await Vend("audit", "verify");

        broken.Exit.ShouldBe(2);
        broken.Err.Trim().ShouldMatch(@"^prepaid: sales 1: it does not match its digest in entry \d+ \(edited after it was committed\)$");
        broken.Out.ShouldStartWith("the books do not verify: 1 finding(s)");
    }

    [Fact]
    public async Task AuditAnchor_AppendsTheSignedHead_VerifyWithTheAnchorsFindsTheLogRolledBackBehindIt()
    {
        await new CounterOnFiles(_folder, Db).SetUpSwipedAccount();
        var anchors = _folder.File("anchors.jsonl");

        var first = await Vend("audit", "anchor", "--anchors", anchors);
        var second = await Vend("--json", "audit", "anchor", "--anchors", anchors);

        first.Exit.ShouldBe(0, first.Err);
        first.Out.ShouldStartWith("anchored entry ");
        var lines = await File.ReadAllLinesAsync(anchors);
        lines.Length.ShouldBe(2);
        lines[1].ShouldBe(second.Out.Trim());
        (await Vend("audit", "verify", "--anchors", anchors)).Exit.ShouldBe(0);

        // Someone with the database cuts the log back behind the second anchor and moves the head with it: every link holds.
        var anchored = JsonDocument.Parse(lines[1]).RootElement.GetProperty("seq").GetInt64();
        Execute("DELETE FROM operation_log WHERE seq >= @anchored", new { anchored });
        Execute("UPDATE site SET log_seq = (SELECT MAX(seq) FROM operation_log), log_hash = (SELECT hash FROM operation_log ORDER BY seq DESC LIMIT 1)");
        var verified = await Vend("audit", "verify", "--anchors", anchors);

        // (The verifying command's own login is logged first: the log grows back past the anchor, with other entries.)
        verified.Exit.ShouldBe(2);
        verified.Err.ShouldContain($"prepaid: anchor on line 2: entry {anchored} is not the entry it signed (the log was rewritten from there or before)");
    }

    [Fact]
    public async Task WithoutTheKey_BooksAreReadOnly_WritesExit3_AndVerifySaysItCouldNotAuthenticate()
    {
        var init = await Vend("--json", "init", "--station", "0001", "--name", "Audit");
        var keyFile = JsonDocument.Parse(init.Out).RootElement.GetProperty("auditKeyFile").GetString()!;
        var elsewhere = _folder.File("kept-elsewhere.key");
        File.Move(keyFile, elsewhere);

        (await Vend("customer", "search", "x")).Exit.ShouldBe(0);
        var refused = await Vend("customer", "add", "--name", "Zhou");
        var verified = await Vend("audit", "verify");

        refused.Exit.ShouldBe(3);
        refused.Err.Trim().ShouldStartWith("prepaid: the site's audit key is not available, so the books are read-only");
        verified.Exit.ShouldBe(0, verified.Err);
        verified.Out.ShouldContain("authenticity NOT checked");
        (await Vend("--audit-key", elsewhere, "customer", "add", "--name", "Zhou")).Exit.ShouldBe(0);
        (await Vend("--audit-key", _folder.File("nowhere.key"), "customer", "search", "x")).Err.Trim().ShouldBe($"prepaid: no audit key file {_folder.File("nowhere.key")}");
    }

    [Fact]
    public async Task BooksOfAnotherSitesKey_AreRefusedWithBothKeysNamed()
    {
        (await Vend("init", "--station", "0001", "--name", "Audit")).Exit.ShouldBe(0);
        var otherDb = _folder.File("other.db");
        var other = await Prepaid.RunAsync("vend", "--db", otherDb, "--json", "init", "--station", "0002", "--name", "Other");
        var otherKey = JsonDocument.Parse(other.Out).RootElement.GetProperty("auditKeyFile").GetString()!;

        var wrong = await Vend("--audit-key", otherKey, "customer", "search", "x");

        wrong.Exit.ShouldBe(3);
        wrong.Err.ShouldContain("is not this site's");
    }

    private void Execute(string sql, object? parameters = null)
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        connection.Execute(sql, parameters);
    }
}
