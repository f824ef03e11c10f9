using Npgsql;

namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// Reads where a PostgreSQL database is: a URL (postgres://user:password@host:port/database, the form
/// libpq and most hosting panels print) or an Npgsql connection string (Host=...;Database=...).
/// </summary>
public static class PostgresAddress
{
    /// <summary>Whether <paramref name="option"/> names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool Names(string option) =>
        option.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || option.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || option.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    public static NpgsqlConnectionStringBuilder Parse(string option)
    {
        if (!option.Contains("://", StringComparison.Ordinal))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(option);
            }
            catch (ArgumentException e)
            {
                throw new VendingStorageException($"not a PostgreSQL connection string: {e.Message}", e);
            }
        }

        if (!Uri.TryCreate(option, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql") || uri.Host.Length == 0)
        {
            throw new VendingStorageException($"not a PostgreSQL address: '{Redact(option)}' (expected postgres://user:password@host:port/database)");
        }

        var user = uri.UserInfo.Split(':', 2);
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
        {
            throw new VendingStorageException($"'{Redact(option)}' names no database (add /DATABASE after the host)");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
            Username = user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : Environment.UserName,
        };
        if (user.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(user[1]);
        }

        return builder;
    }

    /// <summary>The address with its password replaced, for messages.</summary>
    public static string Redact(string option)
    {
        var scheme = option.IndexOf("://", StringComparison.Ordinal);
        // The user's part ends at the last @ before the path: a password written with an @ of its own is hidden whole.
        var path = scheme < 0 ? -1 : option.IndexOf('/', scheme + 3);
        var at = scheme < 0 ? -1 : option[..(path < 0 ? option.Length : path)].LastIndexOf('@');
        var colon = scheme >= 0 && at > scheme ? option.IndexOf(':', scheme + 3) : -1;
        return colon > 0 && colon < at ? string.Concat(option.AsSpan(0, colon + 1), "***", option.AsSpan(at)) : option;
    }
}
