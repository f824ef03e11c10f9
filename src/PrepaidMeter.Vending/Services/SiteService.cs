using Dapper;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;

namespace PrepaidMeter.Vending.Services;

/// <summary>Site registration and options (站点注册 / 系统参数).</summary>
public sealed class SiteService
{
    /// <summary>The TM manual's licence allows four supply groups; a site never holds more than this.</summary>
    public const int MaxLicenceGroups = 4;

    private readonly VendingContext _context;

    internal SiteService(VendingContext context) => _context = context;

    public SiteInfo Get()
    {
        using var connection = _context.Database.Open();
        return connection.QuerySingle<SiteInfo>(
            "SELECT station_number AS StationNumber, station_name AS StationName, management_unit AS ManagementUnit, registration_code AS RegistrationCode, licence_groups AS LicenceGroups, default_reader AS DefaultReader FROM site WHERE id = 1");
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

            scope.Execute(
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

        return site.LicenceGroups is < 1 or > MaxLicenceGroups
            ? $"a licence covers 1 to {MaxLicenceGroups} supply groups, not {site.LicenceGroups}"
            : null;
    }
}
