using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Audit;

/// <summary>
/// The digest of one audited row: SHA-256 over the table, the key and every column that is not null, by
/// name (sorted, length-prefixed), cut to 128 bits. A column that is null is left out, so a nullable column a
/// later schema step adds leaves the digests of existing rows as they were; nulling a value is still a change.
/// Numbers and text digest the same on SQLite and PostgreSQL.
/// </summary>
internal static class RowDigest
{
    /// <summary>What a log entry records for a row that is gone.</summary>
    public const string Deleted = "-";

    public static string Of(AuditedTable table, string key, IEnumerable<KeyValuePair<string, object?>> columns)
    {
        var text = new StringBuilder();
        Append(text, table.Name);
        Append(text, key);
        foreach (var (name, value) in columns.Where(c => c.Value is not null and not DBNull && !table.Ignored.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Append(text, name);
            Append(text, Text(value!));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    /// <summary>The digest of the row as it is now, or <see cref="Deleted"/>.</summary>
    public static string Current(IDbConnection connection, IDbTransaction? transaction, AuditedTable table, string key) =>
        Io.Wait(Current(connection, transaction, table, key, Io.Sync));

    /// <summary>As <see cref="Current(IDbConnection, IDbTransaction?, AuditedTable, string)"/>, read as <paramref name="io"/> says.</summary>
    public static async ValueTask<string> Current(IDbConnection connection, IDbTransaction? transaction, AuditedTable table, string key, Io io)
    {
        var row = await io.First<dynamic>(connection, $"SELECT * FROM {table.Name} WHERE {table.Key} = @key", new { key = KeyValue(table, key) }, transaction);
        return row is IDictionary<string, object?> columns ? Of(table, key, columns) : Deleted;
    }

    /// <summary>Every row of <paramref name="table"/> with its digest (for the audit).</summary>
    public static IEnumerable<(string Key, string Digest)> All(IDbConnection connection, AuditedTable table, IDbTransaction? transaction = null) =>
        Digests(connection.Query($"SELECT * FROM {table.Name}", transaction: transaction, buffered: false), table);

    /// <summary>The rows of an id-keyed table with ids from <paramref name="from"/> to <paramref name="to"/>, with their digests.</summary>
    /// <remarks>Blocking, the rows stream as they are digested; asynchronously, they are read first.</remarks>
    public static async ValueTask<IEnumerable<(string Key, string Digest)>> Range(IDbConnection connection, IDbTransaction? transaction, AuditedTable table, long from, long to, Io io) =>
        Digests(await io.Query<dynamic>(connection, $"SELECT * FROM {table.Name} WHERE id BETWEEN @from AND @to", new { from, to }, transaction, buffered: false), table);

    private static IEnumerable<(string Key, string Digest)> Digests(IEnumerable<dynamic> rows, AuditedTable table)
    {
        foreach (var row in rows)
        {
            var columns = (IDictionary<string, object?>)row;
            var key = Text(columns[table.Key]!);
            yield return (key, Of(table, key, columns));
        }
    }

    /// <summary>A key as the log writes it: numbers in invariant digits, text as it is.</summary>
    public static string KeyText(object key) => Text(key);

    /// <summary>Keys are text in the log; the key column of most tables is a number, and PostgreSQL will not compare the two.</summary>
    public static object KeyValue(AuditedTable table, string key) =>
        table.Key == "id" ? long.Parse(key, CultureInfo.InvariantCulture) : key;

    private static void Append(StringBuilder text, string part) =>
        text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\n');

    private static string Text(object value) => value switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        short s => s.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        _ => throw new InvalidOperationException($"An audited column holds a {value.GetType().Name}; digests know integers and text only."),
    };
}
