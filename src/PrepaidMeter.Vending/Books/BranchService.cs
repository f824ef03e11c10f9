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

    public VendResult<BranchMeter> Add(OperatorSession session, BranchKind kind, string branch, string number) =>
        _context.Write<BranchMeter>(session, Permission.Meters, scope =>
        {
            if (string.IsNullOrWhiteSpace(branch) || string.IsNullOrWhiteSpace(number))
            {
                return Refuse.Invalid("a summary meter needs a branch name and a meter number");
            }

            if (scope.Scalar<long>("SELECT COUNT(*) FROM branch_meters WHERE number = @number OR (branch_kind = @kind AND branch = @branch)",
                    new { number, kind = Rows.Lower(kind), branch }) > 0)
            {
                return Refuse.Conflict($"{BranchKinds.Name(kind)} '{branch}' already has a summary meter, or meter {number} already sums a branch");
            }

            scope.Execute("INSERT INTO branch_meters (branch_kind, branch, number) VALUES (@kind, @branch, @number)", new { kind = Rows.Lower(kind), branch, number });
            scope.Log("branch meter", number, $"{BranchKinds.Name(kind)} {branch}");
            return new BranchMeter(kind, branch, number);
        });

    /// <summary>Records a reading; the same meter and moment twice is refused unless it is the same value.</summary>
    public VendResult<BranchReading> Record(OperatorSession session, string number, DateTimeOffset at, Energy cumulative) =>
        _context.Write<BranchReading>(session, Permission.Readings, scope =>
        {
            if (scope.Scalar<long?>("SELECT id FROM branch_meters WHERE number = @number", new { number }) is not { } id)
            {
                return Refuse.NotFound($"no summary meter {number}; add it with its branch first");
            }

            if (cumulative.Hundredths < 0)
            {
                return Refuse.Invalid($"a cumulative reading cannot be negative ({cumulative})");
            }

            var stamp = Audit.OperationLog.Stamp(at);
            if (scope.Scalar<long?>("SELECT cumulative_energy FROM branch_readings WHERE branch_meter_id = @id AND at = @stamp", new { id, stamp }) is { } existing)
            {
                return existing == cumulative.Hundredths
                    ? new BranchReading(number, at, existing)
                    : Refuse.Conflict($"meter {number} already has {Energy.FromHundredths(existing)} at {stamp}");
            }

            scope.Execute("INSERT INTO branch_readings (branch_meter_id, at, cumulative_energy) VALUES (@id, @stamp, @energy)", new { id, stamp, energy = cumulative.Hundredths });
            return new BranchReading(number, at, cumulative.Hundredths);
        });

    public VendResult<IReadOnlyList<BranchMeter>> List(OperatorSession session) =>
        _context.Read<IReadOnlyList<BranchMeter>>(session, Permission.Queries, connection =>
            connection.Query<(string Kind, string Branch, string Number)>("SELECT branch_kind, branch, number FROM branch_meters ORDER BY branch_kind, branch")
                .Select(r => new BranchMeter(Rows.Enum<BranchKind>(r.Kind), r.Branch, r.Number)).ToList());

}
