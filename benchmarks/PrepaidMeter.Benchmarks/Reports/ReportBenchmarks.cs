using BenchmarkDotNet.Attributes;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Benchmarks.Reports;

/// <summary>
/// Issue 7's figures on a city on SQLite: 100,000 customers with meters, 11 purchases each over 13 months
/// (1,098,900 receipts), a reading near every month's end (1.3 million), 20 line summary meters — the
/// synthetic district of <see cref="SyntheticDistrict"/>. Targets: the monthly report over all the receipts,
/// line loss over 12 months and the abnormal-consumption analysis of the 12th month each under 2 seconds.
/// Writing the city takes about a minute, so it is kept in the temporary folder (keyed by its shape) and
/// reused by later runs; every benchmark only reads it.
/// </summary>
public class ReportBenchmarks
{
    private static readonly DateTimeOffset Start = new(2025, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DistrictShape City = new(100_000, 13, Start, 11);

    private BackOffice _office = null!;
    private OperatorSession _session = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(Path.GetTempPath(), $"prepaid-bench-city-{City.Customers}x{City.SalesPerCustomer}x{City.Months}-v1.db");
        if (!File.Exists(path))
        {
            var building = path + ".building";
            File.Delete(building);
            var database = new SqliteVendingDatabase(building);
            var office = new BackOffice(database, new BackOfficeOptions { PasswordIterations = 1_000, AuditKey = AuditKey.Generate() });
            office.Initialise(new SiteInfo("1", "city", "", "", 4, "memory"), "admin", "admin-pass-1").Value.ToString();
            var admin = office.Operators.Login("admin", "admin-pass-1").Value;
            var group = SupplyGroupCode.From(100001);
            office.Groups.Add(admin, new SupplyGroupDefinition(group, "g", Convert.ToHexString(Some.GroupSecret), "pm-ref-energy", "pm-ref-v1", CreditUnit.Energy, new(CreditUnit.Energy, 0), new(CreditUnit.Energy, 0), new(CreditUnit.Energy, 2000), new(CreditUnit.Energy, 1000), new(CreditUnit.Energy, 0), 0));
            var price = office.Prices.AddType(admin, group, "residential", false, """{"kind":"flat","price":"0.5"}""").Value.Id;
            using (var writer = DistrictWriter.Open(database, group, price))
            {
                SyntheticDistrict.Write(writer, City);
                writer.Commit();
            }

            SqliteVendingDatabase.ClearPools();
            File.Move(building, path);
            foreach (var sidecar in new[] { "-wal", "-shm" })
            {
                if (File.Exists(building + sidecar))
                {
                    File.Move(building + sidecar, path + sidecar);
                }
            }
        }

        _office = new BackOffice(new SqliteVendingDatabase(path), new BackOfficeOptions { PasswordIterations = 1_000, AuditKey = AuditKey.Generate() });
        _office.Open();
        _session = _office.Operators.Login("admin", "admin-pass-1").Value;
    }

    /// <summary>Takings by month over every receipt in the books.</summary>
    [Benchmark]
    public int MonthlyAllReceipts() => _office.Reports.Sales(_session, ReportPeriod.Monthly, new ReportFilter()).Value.Rows.Count;

    /// <summary>One month's takings by day: the period's index range.</summary>
    [Benchmark]
    public int DailyOneMonth() =>
        _office.Reports.Sales(_session, ReportPeriod.Daily, new ReportFilter { From = Start.AddMonths(6), To = Start.AddMonths(7) }).Value.Rows.Count;

    [Benchmark]
    public int LineLossTwelveMonths() =>
        _office.Reports.LineLoss(_session, BranchKind.Line, Start.AddMonths(1), Start.AddMonths(13), TimeSpan.FromDays(3)).Value.Rows.Count;

    [Benchmark]
    public int AbnormalTwelfthMonth() => _office.Reports.Abnormal(_session, Start.AddMonths(12), new ReportFilter()).Value.Rows.Count;
}
