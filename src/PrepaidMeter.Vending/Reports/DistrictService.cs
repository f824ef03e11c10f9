using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Reports;

/// <summary>
/// A made-up district (<see cref="SyntheticDistrict"/>) written into books to try the reports on: an
/// administrator's function, refused on a site with real sales, and logged and audited like any change — one
/// entry covers every customer, meter, account and receipt it wrote.
/// </summary>
public sealed class DistrictService
{
    /// <summary>The largest district the back office writes (its entry covers every row; a city-size district is a benchmark's, written beside the log).</summary>
    public const int MaxCustomers = 100_000;

    private readonly VendingContext _context;

    internal DistrictService(VendingContext context) => _context = context;

    public VendResult<DistrictFacts> Write(OperatorSession session, SupplyGroupCode group, long priceTypeId, DistrictShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Customers is < 1 or > MaxCustomers)
        {
            return Refuse.Invalid($"a made-up district has 1 to {MaxCustomers} customers, not {shape.Customers}");
        }

        return Write(session, group, priceTypeId, writer => SyntheticDistrict.Write(writer, shape), facts =>
            $"made-up district: {facts.Customers} customers, {facts.Sales} receipts ({Energy.FromHundredths(facts.Energy)}, {Money.FromHundredths(facts.Money)}), {facts.Readings} readings, from {OperationLog.Stamp(shape.Start)}");
    }

    /// <summary>Made-up books of the caller's making (tests with known numbers), written, covered and logged as <see cref="Write(OperatorSession, SupplyGroupCode, long, DistrictShape)"/> does.</summary>
    internal VendResult<T> Write<T>(OperatorSession session, SupplyGroupCode group, long priceTypeId, Func<DistrictWriter, T> write, Func<T, string> describe) =>
        _context.Write<T>(session, Permission.MadeUpDistrict, scope =>
        {
            // A sale made at a counter is written onto a card, so it has a card serial; a made-up one has none.
            var realSales = scope.Scalar<long>("SELECT COUNT(*) FROM sales WHERE card_serial <> 0");
            if (realSales > 0)
            {
                return Refuse.Conflict($"these books hold {realSales} real sale(s): a made-up district is only for books that try the reports, never for a real site");
            }

            var code = Storage.Rows.Group(group);
            if (scope.Scalar<long>("SELECT COUNT(*) FROM price_types WHERE id = @priceTypeId AND group_code = @code AND deleted = 0", new { priceTypeId, code }) == 0)
            {
                return Refuse.NotFound($"no price type {priceTypeId} in supply group {group}");
            }

            using var writer = DistrictWriter.Within(scope.Connection, scope.Transaction, group, priceTypeId);
            var written = write(writer);
            writer.Finish();
            var (before, after) = (writer.Started, writer.Written);
            scope.CoverRange(AuditedTable.Customers, before.Customer + 1, after.Customer);
            scope.CoverRange(AuditedTable.Meters, before.Meter + 1, after.Meter);
            scope.CoverRange(AuditedTable.Accounts, before.Account + 1, after.Account);
            scope.CoverRange(AuditedTable.Sales, before.Sale + 1, after.Sale);
            scope.Cover(AuditedTable.Site, 1L);
            scope.Log("district", $"group {group}", describe(written));
            return written;
        });
}
