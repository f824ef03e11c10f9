using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Books;

/// <summary>
/// Branch summary meters (线路/台区总表) and their readings: the energy entering a line or a transformer area,
/// against which line loss is measured. The customers' meters under a branch are those of the customers
/// filed under that line or area.
/// </summary>
public sealed class BranchService
{
    private readonly VendingContext _context;

    internal BranchService(VendingContext context) => _context = context;

    /// <summary>
    /// The summary meter of a branch for one utility: a line or area has at most one of each — its electricity summary
    /// meter, its water main, its gas main — and a meter sums one branch.
    /// </summary>
    public VendResult<BranchMeter> Add(OperatorSession session, BranchKind kind, string branch, string number, Utility utility = Utility.Electricity) =>
        _context.Write<BranchMeter>(session, Permission.Meters, scope =>
        {
            if (string.IsNullOrWhiteSpace(branch) || string.IsNullOrWhiteSpace(number))
            {
                return Refuse.Invalid("a summary meter needs a branch name and a meter number");
            }

            if (!Enum.IsDefined(utility))
            {
                return Refuse.Invalid($"utility {(byte)utility} is none of electricity, water and gas");
            }

            var row = new { number, kind = Rows.Lower(kind), branch, utility = utility.Name() };
            if (scope.Scalar<string?>("SELECT branch FROM branch_meters WHERE number = @number", row) is { } summed)
            {
                return Refuse.Conflict($"meter {number} already sums {summed}");
            }

            if (scope.Scalar<string?>($"SELECT number FROM branch_meters b WHERE branch_kind = @kind AND branch = @branch AND {ReportSql.BranchUtility("b")} = @utility", row) is { } held)
            {
                return Refuse.Conflict($"{BranchKinds.Name(kind)} '{branch}' already has its {utility.Name()} summary meter, {held}");
            }

            scope.Execute("INSERT INTO branch_meters (branch_kind, branch, number, utility) VALUES (@kind, @branch, @number, @utility)", row);
            scope.Log("branch meter", number, $"{BranchKinds.Name(kind)} {branch}{(utility == Utility.Electricity ? "" : $", {utility.Name()}")}");
            return new BranchMeter(kind, branch, number) { Utility = utility };
        });

    /// <summary>Records an electricity summary meter's reading; the same meter and moment twice is refused unless it is the same value.</summary>
    public VendResult<BranchReading> Record(OperatorSession session, string number, DateTimeOffset at, Energy cumulative) =>
        Record(session, number, at, cumulative.Hundredths, cumulative.ToString(), volume: false);

    /// <summary>Records a water or gas main's reading, in m³, as <see cref="Record(OperatorSession, string, DateTimeOffset, Energy)"/> does.</summary>
    public VendResult<BranchReading> Record(OperatorSession session, string number, DateTimeOffset at, Volume cumulative) =>
        Record(session, number, at, cumulative.Hundredths, cumulative.ToString(), volume: true);

    private VendResult<BranchReading> Record(OperatorSession session, string number, DateTimeOffset at, long hundredths, string shown, bool volume) =>
        _context.Write<BranchReading>(session, Permission.Readings, scope =>
        {
            if (scope.Scalar<long?>("SELECT id FROM branch_meters WHERE number = @number", new { number }) is not { } id)
            {
                return Refuse.NotFound($"no summary meter {number}; add it with its branch first");
            }

            // A main's register is m³, a summary meter's kWh: a reading in the other unit is a mistake, not a conversion.
            var utility = Utilities.Parse(scope.Scalar<string>($"SELECT {ReportSql.BranchUtility("b")} FROM branch_meters b WHERE id = @id", new { id })) ?? Utility.Electricity;
            if ((utility != Utility.Electricity) != volume)
            {
                return Refuse.Invalid($"summary meter {number} is the {utility.Name()} one: its reading is in {utility.UnitSymbol()}, not {shown}");
            }

            if (hundredths < 0)
            {
                return Refuse.Invalid($"a cumulative reading cannot be negative ({shown})");
            }

            var stamp = Audit.OperationLog.Stamp(at);
            if (scope.Scalar<long?>("SELECT cumulative_energy FROM branch_readings WHERE branch_meter_id = @id AND at = @stamp", new { id, stamp }) is { } existing)
            {
                return existing == hundredths
                    ? new BranchReading(number, at, existing)
                    : Refuse.Conflict($"meter {number} already has {(volume ? Volume.FromHundredths(existing).ToString() : Energy.FromHundredths(existing).ToString())} at {stamp}");
            }

            scope.Execute("INSERT INTO branch_readings (branch_meter_id, at, cumulative_energy) VALUES (@id, @stamp, @hundredths)", new { id, stamp, hundredths });
            return new BranchReading(number, at, hundredths);
        });

    public VendResult<IReadOnlyList<BranchMeter>> List(OperatorSession session) =>
        _context.Read<IReadOnlyList<BranchMeter>>(session, Permission.Queries, connection =>
            connection.Query<(string Kind, string Branch, string Number, string Utility)>(
                    $"SELECT branch_kind, branch, number, {ReportSql.BranchUtility("b")} FROM branch_meters b ORDER BY branch_kind, branch, number")
                .Select(r => new BranchMeter(Rows.Enum<BranchKind>(r.Kind), r.Branch, r.Number) { Utility = Utilities.Parse(r.Utility) ?? Utility.Electricity }).ToList());

}
