using Dapper;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Tests.Reports;

/// <summary>
/// The heavy report queries read their tables through indexes (docs/reports.md shows the plans on a city):
/// SQLite's own EXPLAIN QUERY PLAN on the migrated schema, for the queries as the reports send them.
/// </summary>
public sealed class ReportQueryPlanTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteVendingDatabase _database;

    public ReportQueryPlanTests()
    {
        _database = new SqliteVendingDatabase(_folder.File("plans.db"));
        _database.Migrate();
    }

    public void Dispose()
    {
        SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    [Fact]
    public void TakingsForAPeriod_SearchTheTimeIndex()
    {
        var filter = new ReportFilter { From = Some.Moment, To = Some.Moment.AddMonths(1) };

        var plan = Plan(ReportService.TakingsSql("substr(s.created_at, 1, 7)", filter), new { from = "a", to = "b" });

        plan.ShouldContain("SEARCH s USING INDEX sales_by_time (created_at>? AND created_at<?)");
    }

    [Fact]
    public void TakingsOfALine_JoinByPrimaryKeys()
    {
        var filter = new ReportFilter { From = Some.Moment, Line = "L1" };

        var plan = Plan(ReportService.TakingsSql("substr(s.created_at, 1, 7)", filter), new { from = "a", line = "L1" });

        plan.ShouldNotContain("SCAN a");
        plan.ShouldNotContain("SCAN c");
    }

    [Fact]
    public void LineLossReadings_OnlyNearTheEnds_ThroughTheCoveringTimeIndex()
    {
        var plan = Plan(ReportService.ReadingsNearEnds, new { startLo = "a", startHi = "b", endLo = "c", endHi = "d" });

        plan.ShouldContain("MULTI-INDEX OR");
        plan.ShouldContain("SEARCH readings USING COVERING INDEX readings_by_time (meter_time>? AND meter_time<?)");
        plan.ShouldNotContain("SCAN readings");
    }

    [Fact]
    public void AbnormalWindows_ReadOnlyCoveringIndexes()
    {
        Plan(ReportService.MonthlyReadingsSql, new { lo = "a", end = "b", first = 0 }).ShouldContain("SEARCH readings USING COVERING INDEX readings_by_time");
        Plan(ReportService.MonthlyPurchasesSql, new { lo = "a", end = "b", first = 0 }).ShouldContain("SEARCH s USING COVERING INDEX sales_by_time");
    }

    private string Plan(string sql, object parameters)
    {
        using var connection = _database.Open();
        return string.Join(" | ", connection.Query<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters).Select(r => r.Detail));
    }
}
