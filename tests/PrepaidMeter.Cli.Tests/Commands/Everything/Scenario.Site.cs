namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>The site, its operators and roles.</summary>
internal static partial class Scenario
{
    private static IEnumerable<Move> Site() =>
    [
        new CliStep("vend init", "--station", "0001", "--name", "Test") { Json = true, Capture = Keep("recovery", "recoveryCode") },
        new SetUp("the operators the roles' checks run as", AddRoleOperators),
        new CliStep("vend site show") { Shows = "Test", Keeps = false },
        new CliStep("vend site set", "--name", "Test Site") { Shows = "Test Site", Keeps = false },
        new CliStep("vend operator add", "op2", "--name", "Op Two", "--role", "cashier") { Env = NewPassword("op2-pass-1") },
        new CliStep("vend operator change", "op2", "--name", "Op 2") { Shows = "Op 2", Keeps = false },
        new CliStep("vend operator disable", "op2") { Keeps = false },
        new CliStep("vend operator enable", "op2") { Keeps = false },
        new CliStep("vend operator reset-password", "op2") { Env = NewPassword("op2-pass-2"), Keeps = false },
        new CliStep("vend operator unlock", "op2") { Keeps = false },
        new CliStep("vend operator list") { Shows = "op2", Keeps = false },
        new CliStep("vend operator role", "reader", "--functions", "queries") { Keeps = false },
        new CliStep("vend operator roles") { Shows = "clerk", Keeps = false },

        // With PREPAID_NEW_PASSWORD unset the administrator keeps the password; the code used is replaced by a new one.
        new CliStep("vend operator unlock --recovery", Operators.Admin)
        {
            Json = true, Env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["PREPAID_RECOVERY_CODE"] = "{recovery}" },
            Capture = Keep("recovery", "nextRecoveryCode"),
        },
    ];

    /// <summary>An operator for each role but the administrator, `clerk` being a role made with sales and queries.</summary>
    private static async Task AddRoleOperators(Books books)
    {
        await SetUp.Vend("the clerk role", new CliStep("vend operator role", "clerk", "--functions", "sales,queries")).Do(books);
        foreach (var role in PermissionTable.Roles.Where(r => r != "administrator"))
        {
            var login = Operators.LoginOf(role);
            await SetUp.Vend($"operator {login}", new CliStep("vend operator add", login, "--role", role) { Env = NewPassword(Operators.PasswordOf(login)) }).Do(books);
        }
    }
}
