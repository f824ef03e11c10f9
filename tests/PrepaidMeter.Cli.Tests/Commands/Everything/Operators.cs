namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>Who logs in as each role of the permission table, and how a command is run as one of them.</summary>
internal static class Operators
{
    /// <summary>The administrator `vend init` makes, with the password every CLI test uses.</summary>
    public const string Admin = "admin";

    public const string AdminPassword = "admin-pass-1";

    /// <summary>The login of the operator each role's checks run as (the role's name and a 1).</summary>
    public static string LoginOf(string role) => role == "administrator" ? Admin : role + "1";

    public static string PasswordOf(string login) => login == Admin ? AdminPassword : login + "-pass-1";

    /// <summary>
    /// Sets PREPAID_OPERATOR and PREPAID_PASSWORD for <paramref name="login"/> (null: no operator at all), and
    /// <paramref name="extra"/>, until disposed; then puts back what was there. Only for the serial collection.
    /// </summary>
    public static IDisposable LoggedInAs(string? login, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PREPAID_OPERATOR"] = login,
            // init takes the first administrator's password from here, with no operator named.
            ["PREPAID_PASSWORD"] = login is null ? AdminPassword : PasswordOf(login),
            ["PREPAID_NEW_PASSWORD"] = null,
            ["PREPAID_RECOVERY_CODE"] = null,
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        return new Variables(values);
    }

    private sealed class Variables : IDisposable
    {
        private readonly Dictionary<string, string?> _before;

        public Variables(Dictionary<string, string?> values)
        {
            _before = values.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable, StringComparer.Ordinal);
            foreach (var (name, value) in values)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _before)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
