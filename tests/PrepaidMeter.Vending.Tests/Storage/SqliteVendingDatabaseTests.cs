using Dapper;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Tests.Storage;

public sealed class SqliteVendingDatabaseTests
{
    [Fact]
    public void Open_EveryConnectionFromThePool_HasForeignKeysFullSyncAndABusyTimeout()
    {
        using var folder = new TempFolder();
        var database = new SqliteVendingDatabase(folder.File("pragmas.db"));
        database.Migrate();
        for (var i = 0; i < 5; i++)
        {
            // The pool hands back the same native handle; its pragmas are set once and must still hold.
            using var connection = database.Open();
            connection.ExecuteScalar<long>("PRAGMA foreign_keys").ShouldBe(1);
            connection.ExecuteScalar<long>("PRAGMA synchronous").ShouldBe(2, "FULL");
            connection.ExecuteScalar<long>("PRAGMA busy_timeout").ShouldBe(30_000);
            connection.ExecuteScalar<string>("PRAGMA journal_mode").ShouldBe("wal");
        }

        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
    }
}
