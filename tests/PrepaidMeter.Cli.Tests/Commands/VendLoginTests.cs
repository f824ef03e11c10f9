using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// The operator's login comes from PREPAID_OPERATOR and PREPAID_PASSWORD, which every vend and report test reads:
/// a test that changes them runs alone, after the others, or it fails their logins while it runs.
/// </summary>
[CollectionDefinition(nameof(OperatorEnvironment), DisableParallelization = true)]
public sealed class OperatorEnvironment;

[Collection(nameof(OperatorEnvironment))]
public sealed class VendLoginTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public VendLoginTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

    public void Dispose()
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Vend_WrongPassword_Exits2()
    {
        var db = _folder.File("prepaid.db");
        (await Prepaid.RunAsync("vend", "--db", db, "init", "--station", "1", "--name", "T")).Exit.ShouldBe(0);
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "wrong-password");
        try
        {
            (await Prepaid.RunAsync("vend", "--db", db, "customer", "search", "x")).Err.Trim().ShouldBe($"prepaid: {PrepaidMeter.Vending.Books.OperatorService.LoginRefused}");
        }
        finally
        {
            Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
        }
    }
}
