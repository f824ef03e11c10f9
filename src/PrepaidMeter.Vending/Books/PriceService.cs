using System.Data;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Books;

/// <summary>
/// Prices (电价): price types per supply group (residential, commercial, a preferential list), each a
/// history of versions. Adjusting adds a version from an effective date, so sales before it keep the
/// old price; correcting fixes a version no sale has used; a type is deleted only when no account uses
/// it. A version's tariff is any the core understands: flat, tiered, time-of-use or composite.
/// </summary>
public sealed class PriceService
{
    private readonly VendingContext _context;

    internal PriceService(VendingContext context) => _context = context;

    public VendResult<PriceType> AddType(OperatorSession session, SupplyGroupCode group, string name, bool preferential, string definition, DateTimeOffset? effectiveFrom = null) =>
        _context.Write<PriceType>(session, Permission.Prices, scope =>
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return Refuse.Invalid("a price type needs a name");
            }

            var (tariff, problem) = Parse(definition);
            if (problem is not null)
            {
                return Refuse.Invalid(problem);
            }

            var code = Rows.Group(group);
            if (SupplyGroupService.Find(scope.Connection, scope.Transaction, group) is not { } groupRow)
            {
                return Refuse.NotFound($"no supply group {code}");
            }

            if (NotFor(tariff!, groupRow.Unit) is { } notForIt)
            {
                return Refuse.Invalid(notForIt);
            }

            if (scope.Scalar<long>("SELECT COUNT(*) FROM price_types WHERE group_code = @code AND name = @name", new { code, name }) > 0)
            {
                return Refuse.Conflict($"supply group {code} already has a price type '{name}'");
            }

            var id = scope.InsertCovered(AuditedTable.PriceTypes,
                "INSERT INTO price_types (group_code, name, preferential, deleted) VALUES (@code, @name, @preferential, 0)",
                new { code, name, preferential = preferential ? 1 : 0 });
            InsertVersion(scope, id, effectiveFrom ?? scope.Now, definition);
            scope.Log("price add", $"{code}/{name}", $"{(preferential ? "preferential, " : "")}{TariffDefinitions.Canonical(definition)}");
            return new PriceType(id, group, name, preferential, false);
        });

    /// <summary>A new version from <paramref name="effectiveFrom"/>, which must not be in the past nor before the latest version.</summary>
    public VendResult<PriceVersion> Adjust(OperatorSession session, long priceTypeId, string definition, DateTimeOffset effectiveFrom) =>
        _context.Write<PriceVersion>(session, Permission.Prices, scope =>
        {
            if (FindType(scope, priceTypeId) is not { } type)
            {
                return Refuse.NotFound($"no price type {priceTypeId}");
            }

            var (tariff, problem) = Parse(definition);
            if ((problem ?? NotFor(tariff!, UnitOfType(scope, type.Id))) is { } refused)
            {
                return Refuse.Invalid(refused);
            }

            if (effectiveFrom < scope.Now)
            {
                return Refuse.Invalid($"an adjustment takes effect now or later, not {OperationLog.Stamp(effectiveFrom)}; to fix a mistake use a price correction");
            }

            var latest = scope.Scalar<string>("SELECT MAX(effective_from) FROM price_versions WHERE price_type_id = @priceTypeId", new { priceTypeId });
            if (latest is not null && Rows.Time(latest) >= effectiveFrom)
            {
                return Refuse.Conflict($"price type {type.Name} already has a version from {latest}");
            }

            var id = InsertVersion(scope, priceTypeId, effectiveFrom, definition);
            scope.Log("price adjust", $"{type.Group}/{type.Name}", $"from {OperationLog.Stamp(effectiveFrom)}: {TariffDefinitions.Canonical(definition)}");
            return Version(scope.Connection, scope.Transaction, id)!;
        });

    /// <summary>Fixes a mistyped version in place (the old text is kept); refused once a sale has used it.</summary>
    public VendResult<PriceVersion> Correct(OperatorSession session, long versionId, string definition) =>
        _context.Write<PriceVersion>(session, Permission.Prices, scope =>
        {
            if (Version(scope.Connection, scope.Transaction, versionId) is not { } version)
            {
                return Refuse.NotFound($"no price version {versionId}");
            }

            var (tariff, problem) = Parse(definition);
            if ((problem ?? NotFor(tariff!, UnitOfType(scope, version.PriceTypeId))) is { } refused)
            {
                return Refuse.Invalid(refused);
            }

            // A split sale's later shares were priced by versions its row does not name.
            var used = scope.Scalar<long>(
                "SELECT (SELECT COUNT(*) FROM sales WHERE price_version_id = @versionId) + (SELECT COUNT(DISTINCT sale_id) FROM sale_shares WHERE price_version_id = @versionId)",
                new { versionId });
            if (used > 0)
            {
                return Refuse.Conflict($"{used} sales used price version {versionId}; adjust the price with an effective date instead");
            }

            scope.ExecuteCovered(AuditedTable.PriceVersions, "UPDATE price_versions SET definition = @definition, corrected_from = @old WHERE id = @versionId",
                new { versionId, definition = TariffDefinitions.Canonical(definition), old = version.Definition });
            scope.Log("price correct", $"version {versionId}", $"{version.Definition} -> {TariffDefinitions.Canonical(definition)}");
            return Version(scope.Connection, scope.Transaction, versionId)!;
        });

    public VendResult<PriceType> Delete(OperatorSession session, long priceTypeId) =>
        _context.Write<PriceType>(session, Permission.Prices, scope =>
        {
            if (FindType(scope, priceTypeId) is not { } type)
            {
                return Refuse.NotFound($"no price type {priceTypeId}");
            }

            // An account moved to the type from a later day (a power type change) uses it as well, and an open one whose split in force has a share at it.
            var accounts = scope.Scalar<long>(
                """
                SELECT COUNT(*) FROM accounts a WHERE a.price_type_id = @priceTypeId
                OR EXISTS (SELECT 1 FROM power_type_changes c WHERE c.account_id = a.id AND c.price_type_id = @priceTypeId)
                OR (a.status = 'open' AND EXISTS (SELECT 1 FROM split_shares x WHERE x.price_type_id = @priceTypeId AND x.split_id = (SELECT MAX(l.id) FROM account_splits l WHERE l.account_id = a.id)))
                """,
                new { priceTypeId });
            if (accounts > 0)
            {
                return Refuse.Conflict($"price type '{type.Name}' is used by {accounts} accounts and cannot be deleted");
            }

            scope.ExecuteCovered(AuditedTable.PriceTypes, "UPDATE price_types SET deleted = 1 WHERE id = @priceTypeId", new { priceTypeId });
            scope.Log("price delete", $"{type.Group}/{type.Name}", "");
            return type with { Deleted = true };
        });

    public VendResult<IReadOnlyList<PriceType>> List(OperatorSession session) =>
        _context.Read<IReadOnlyList<PriceType>>(session, Permission.Queries, connection =>
            connection.Query<TypeRow>("SELECT * FROM price_types WHERE deleted = 0 ORDER BY group_code, name").Select(t => t.ToModel()).ToList());

    public VendResult<IReadOnlyList<PriceVersion>> History(OperatorSession session, long priceTypeId) =>
        _context.Read<IReadOnlyList<PriceVersion>>(session, Permission.Queries, connection =>
            connection.Query<VersionRow>("SELECT * FROM price_versions WHERE price_type_id = @priceTypeId ORDER BY effective_from", new { priceTypeId })
                .Select(v => v.ToModel()).ToList());

    /// <summary>The version in force at <paramref name="at"/>, compiled; null when the type has none yet. Read as <paramref name="io"/> says.</summary>
    internal static async ValueTask<(long VersionId, Tariff Tariff)?> InForce(IDbConnection connection, IDbTransaction transaction, long priceTypeId, DateTimeOffset at, Io io)
    {
        var row = await io.First<VersionRow>(connection,
            "SELECT * FROM price_versions WHERE price_type_id = @priceTypeId AND effective_from <= @at ORDER BY effective_from DESC LIMIT 1",
            new { priceTypeId, at = OperationLog.Stamp(at) }, transaction);
        return row is null ? null : (row.Id, TariffDefinitions.FromJson(row.Definition).Tariff!);
    }

    private static long InsertVersion(WriteScope scope, long priceTypeId, DateTimeOffset effectiveFrom, string definition) =>
        scope.InsertCovered(AuditedTable.PriceVersions,
            "INSERT INTO price_versions (price_type_id, effective_from, definition, created_at, created_by) VALUES (@priceTypeId, @from, @definition, @at, @by)",
            new { priceTypeId, from = OperationLog.Stamp(effectiveFrom), definition = TariffDefinitions.Canonical(definition), at = scope.Stamp, by = scope.Operator });

    /// <summary>The definition's tariff, or why it is none (then the tariff is null).</summary>
    private static (Tariff? Tariff, string? Problem) Parse(string? definition)
    {
        if (string.IsNullOrWhiteSpace(definition))
        {
            return (null, "a price needs a tariff definition");
        }

        var (tariff, errors) = TariffDefinitions.FromJson(definition);
        return errors.Count == 0 ? (tariff, null) : (null, string.Join("; ", errors));
    }

    /// <summary>
    /// Why <paramref name="tariff"/> cannot price a group counting <paramref name="unit"/>: a water or gas price is flat or
    /// tiered by m³ (<see cref="VolumeTariff"/>); any tariff prices electricity.
    /// </summary>
    private static string? NotFor(Tariff tariff, CreditUnit unit) => unit == CreditUnit.Volume ? VolumeTariff.Of(tariff).Problem : null;

    /// <summary>The credit unit of the group a price type belongs to.</summary>
    private static CreditUnit UnitOfType(WriteScope scope, long priceTypeId) =>
        Rows.Unit(scope.Scalar<string>("SELECT g.credit_unit FROM price_types t JOIN supply_groups g ON g.code = t.group_code WHERE t.id = @priceTypeId", new { priceTypeId })!);

    // One canonical text per tariff, so the history compares and prints cleanly.
    private static PriceType? FindType(WriteScope scope, long id) =>
        scope.First<TypeRow>("SELECT * FROM price_types WHERE id = @id AND deleted = 0", new { id })?.ToModel();

    private static PriceVersion? Version(IDbConnection connection, IDbTransaction transaction, long id) =>
        connection.QueryFirstOrDefault<VersionRow>("SELECT * FROM price_versions WHERE id = @id", new { id }, transaction)?.ToModel();

    private sealed class TypeRow
    {
        public long Id { get; init; }
        public string GroupCode { get; init; } = "";
        public string Name { get; init; } = "";
        public int Preferential { get; init; }
        public int Deleted { get; init; }

        public PriceType ToModel() => new(Id, Rows.Group(GroupCode), Name, Preferential != 0, Deleted != 0);
    }

    private sealed class VersionRow
    {
        public long Id { get; init; }
        public long PriceTypeId { get; init; }
        public string EffectiveFrom { get; init; } = "";
        public string Definition { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public string? CorrectedFrom { get; init; }

        public PriceVersion ToModel() => new(Id, PriceTypeId, Rows.Time(EffectiveFrom), Definition, CreatedBy, Rows.Time(CreatedAt), CorrectedFrom);
    }
}
