using System.Data.Common;
using Dapper;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Tests.Storage;

/// <summary>
/// Schema step 11 gives a branch one summary meter per utility (its electricity meter, its water main, its gas main).
/// SQLite rebuilds the table for it: the rows and their ids stay, the readings still refer to them, and the
/// foreign key still holds.
/// </summary>
public sealed class BranchKeyStepTests
{
    [Theory, BothStores]
    public void StepEleven_BranchMetersOfStepTen_KeepTheirIdsAndReadings_AndTakeAMainOnTheSameLine(Store store)
    {
        using var books = new TestDatabase(store);
        books.Database.Migrate(upTo: 10);
        using (var connection = books.Database.Open())
        {
            connection.Execute("INSERT INTO branch_meters (id, branch_kind, branch, number) VALUES (7, 'line', 'L1', 'S-L1'), (9, 'transformer-area', 'T1', 'S-T1')");
            connection.Execute("INSERT INTO branch_readings (branch_meter_id, at, cumulative_energy) VALUES (7, '2026-11-01T00:00:00Z', 1000), (9, '2026-11-01T00:00:00Z', 2000)");
        }

        books.Database.Migrate(upTo: Migrations.Steps[^1].Version);

        using var after = books.Database.Open();
        after.Query<(string Number, long Energy)>("SELECT b.number, r.cumulative_energy FROM branch_readings r JOIN branch_meters b ON b.id = r.branch_meter_id ORDER BY b.id")
            .ShouldBe([("S-L1", 1000L), ("S-T1", 2000L)]);
        after.ExecuteScalar<string?>("SELECT utility FROM branch_meters WHERE id = 7").ShouldBeNull();
        after.Execute("INSERT INTO branch_meters (branch_kind, branch, number, utility) VALUES ('line', 'L1', 'W-L1', 'water')").ShouldBe(1);
        Should.Throw<DbException>(() => after.Execute("INSERT INTO branch_meters (branch_kind, branch, number, utility) VALUES ('line', 'L1', 'S2-L1', 'electricity')"),
            "a NULL utility is electricity: L1 has its electricity summary meter");
        Should.Throw<DbException>(() => after.Execute("INSERT INTO branch_readings (branch_meter_id, at, cumulative_energy) VALUES (404, '2026-11-02T00:00:00Z', 1)"),
            "the readings still refer to branch_meters");
    }
}
