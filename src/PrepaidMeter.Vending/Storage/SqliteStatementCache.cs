using Microsoft.Data.Sqlite;

namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// One open SQLite connection and the commands prepared on it, keyed by their text. Microsoft.Data.Sqlite
/// keeps a statement prepared only for the life of its command object (efcore#14044), and Dapper makes a
/// new command per call, so without this every statement of a sale was parsed and planned again — about
/// half of SQLite's time in a sale (tools/bench.sh '*SaleBenchmarks*'). Used by one lease at a time.
/// </summary>
internal sealed class SqliteStatementCache : IDisposable
{
    // Queries built from filters have many texts; a bound keeps a long-lived connection's memory flat.
    private const int MaxStatements = 256;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteStatementCache(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>The command for <paramref name="text"/>, prepared on first use, with no parameters bound.</summary>
    public SqliteCommand Take(string text)
    {
        if (_commands.TryGetValue(text, out var command))
        {
            command.Parameters.Clear();
            command.Transaction = null;
            return command;
        }

        if (_commands.Count >= MaxStatements)
        {
            DisposeCommands();
        }

        command = Connection.CreateCommand();
        command.CommandText = text;
        _commands.Add(text, command);
        return command;
    }

    public void Dispose()
    {
        DisposeCommands();
        Connection.Dispose();
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
