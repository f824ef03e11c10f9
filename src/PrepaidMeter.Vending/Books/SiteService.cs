using Dapper;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Books;

/// <summary>Site registration and options (站点注册 / 系统参数).</summary>
public sealed class SiteService
{
    /// <summary>The TM manual's licence allows four supply groups; a site never holds more than this.</summary>
    public const int MaxLicenceGroups = 4;

    public const int MaxStationDigits = 8;

    private readonly VendingContext _context;

    internal SiteService(VendingContext context) => _context = context;

    private const string SelectSite = "SELECT station_number, station_name, management_unit, registration_code, licence_groups, default_reader FROM site WHERE id = 1";

    /// <summary>The registration as stored, for the back office's own use (no operator); an operator asks <see cref="Show"/>.</summary>
    public SiteInfo Get()
    {
        using var connection = _context.Database.Open();
        return connection.QuerySingle<SiteRow>(SelectSite).ToModel();
    }

    /// <summary>Whether the books hold their site row (every database `vend init` finished does).</summary>
    public bool Exists()
    {
        using var connection = _context.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM site") > 0;
    }

    /// <summary>The registration shown to an operator: a query like any other, so it needs "queries".</summary>
    public VendResult<SiteInfo> Show(OperatorSession session) =>
        _context.Read<SiteInfo>(session, Permission.Queries, connection => connection.QuerySingle<SiteRow>(SelectSite).ToModel());

    /// <summary>The fingerprint of the audit key the site is keyed with; null for books made before there was one.</summary>
    public string? AuditKeyId()
    {
        using var connection = _context.Database.Open();
        return connection.ExecuteScalar<string?>("SELECT audit_key_id FROM site WHERE id = 1");
    }

    public VendResult<SiteInfo> Update(OperatorSession session, SiteInfo site) =>
        _context.Write<SiteInfo>(session, Permission.SiteManagement, scope =>
        {
            ArgumentNullException.ThrowIfNull(site);
            if (Problem(site) is { } problem)
            {
                return Refuse.Invalid(problem);
            }

            var groups = scope.Scalar<long>("SELECT COUNT(*) FROM supply_groups");
            if (site.LicenceGroups < groups)
            {
                return new Refusal(RefusalReason.Licence, $"the site already has {groups} supply groups; a licence for {site.LicenceGroups} would not cover them");
            }

            scope.ExecuteCovered(AuditedTable.Site,
                """
                UPDATE site SET station_number = @StationNumber, station_name = @StationName, management_unit = @ManagementUnit,
                    registration_code = @RegistrationCode, licence_groups = @LicenceGroups, default_reader = @DefaultReader WHERE id = 1
                """,
                site);
            scope.Log("site update", site.StationNumber, $"'{site.StationName}', unit '{site.ManagementUnit}', licence {site.LicenceGroups}, reader {site.DefaultReader}");
            return site;
        });

    internal static string? Problem(SiteInfo site)
    {
        if (string.IsNullOrWhiteSpace(site.StationNumber) || string.IsNullOrWhiteSpace(site.StationName))
        {
            return "a site needs a station number and a name";
        }

        // The seeds' manual numbers stations in digits (站点编号); the receipts and reports print it as such.
        if (site.StationNumber.Length > MaxStationDigits || !site.StationNumber.All(char.IsAsciiDigit))
        {
            return $"a station number is 1 to {MaxStationDigits} digits, not '{site.StationNumber}'";
        }

        return site.LicenceGroups is < 1 or > MaxLicenceGroups
            ? $"a licence covers 1 to {MaxLicenceGroups} supply groups, not {site.LicenceGroups}"
            : null;
    }
}

/// <summary>The site row as stored: the licence count is a 64-bit integer on SQLite (Dapper will not narrow it for a record's constructor).</summary>
internal sealed class SiteRow
{
    public string StationNumber { get; init; } = "";
    public string StationName { get; init; } = "";
    public string ManagementUnit { get; init; } = "";
    public string RegistrationCode { get; init; } = "";
    public long LicenceGroups { get; init; }
    public string DefaultReader { get; init; } = "";

    public SiteInfo ToModel() => new(StationNumber, StationName, ManagementUnit, RegistrationCode, checked((int)LicenceGroups), DefaultReader);
}
