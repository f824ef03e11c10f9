using System.Text.Json;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// The only administrator locked out for good (five wrong passwords) comes back with the site's recovery code, which
/// needs the machine (the code `vend init` printed, the site's audit key) and no account. It changes the process's
/// PREPAID_* variables, so it runs with the other login tests, alone.
/// </summary>
[Collection(nameof(OperatorEnvironment))]
public sealed class VendRecoveryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public VendRecoveryTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

    private string Db => _folder.File("prepaid.db");

    public void Dispose()
    {
        foreach (var name in (string[])["PREPAID_RECOVERY_CODE", "PREPAID_NEW_PASSWORD"])
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    private Task<(int Exit, string Out, string Err)> Vend(params string[] args) => Prepaid.RunAsync(["vend", "--db", Db, .. args]);

    [Fact]
    public async Task OperatorUnlockRecovery_OnlyAdministratorLockedOut_LetsItBackInWithANewPasswordAndANewCode()
    {
        var init = await Vend("--json", "init", "--station", "0001", "--name", "Recovery");
        var code = JsonDocument.Parse(init.Out).RootElement.GetProperty("recoveryCode").GetString()!;
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "guessing-wrong");
        for (var i = 0; i < 5; i++)
        {
            (await Vend("customer", "search", "x")).Exit.ShouldBe(2);
        }

        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
        (await Vend("customer", "search", "x")).Exit.ShouldBe(2, "locked out, the right password no longer opens the counter");
        (await Vend("operator", "unlock", "admin")).Exit.ShouldBe(2, "nobody can log in to unlock it");

        Environment.SetEnvironmentVariable("PREPAID_RECOVERY_CODE", "0000-0000-0000-0000-0000");
        var wrong = await Vend("operator", "unlock", "admin", "--recovery");
        Environment.SetEnvironmentVariable("PREPAID_RECOVERY_CODE", code);
        Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", "a-new-admin-pass");
        var recovered = await Vend("--json", "operator", "unlock", "admin", "--recovery");

        wrong.Exit.ShouldBe(2);
        wrong.Err.Trim().ShouldBe("prepaid: wrong recovery code");
        recovered.Exit.ShouldBe(0, recovered.Err);
        var next = JsonDocument.Parse(recovered.Out).RootElement.GetProperty("nextRecoveryCode").GetString();
        next.ShouldNotBe(code);
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "a-new-admin-pass");
        var log = await Vend("--json", "query", "log", "--operator", "recovery");
        log.Exit.ShouldBe(0, log.Err);
        JsonDocument.Parse(log.Out).RootElement.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldBe(["operator recover refused", "operator recover"]);
        (await Vend("operator", "unlock", "admin", "--recovery")).Err.Trim().ShouldBe("prepaid: wrong recovery code", "a code works once");
        (await Vend("audit", "verify")).Exit.ShouldBe(0);
    }
}
