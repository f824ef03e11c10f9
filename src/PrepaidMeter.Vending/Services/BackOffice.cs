using PrepaidMeter.Vending.CardWork;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Services;

/// <summary>
/// The vending back office (售电管理系统): application services a CLI, a web page or a test call alike.
/// Every service checks the operator's permission first and writes the operation log in the same
/// transaction as the change. It never references the meter: it meets meters only through cards.
/// </summary>
public sealed class BackOffice
{
    private readonly VendingContext _context;

    public BackOffice(VendingDatabase database, BackOfficeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _context = new VendingContext(database, options ?? new BackOfficeOptions());
        Operators = new OperatorService(_context);
        Site = new SiteService(_context);
        Groups = new SupplyGroupService(_context);
        Prices = new PriceService(_context);
        Customers = new CustomerService(_context);
        Meters = new MeterService(_context);
        var cards = new CardWriter(_context);
        Accounts = new AccountService(_context, cards);
        Sales = new SaleService(_context, cards);
        Cards = new CardService(_context, cards);
        MeterChanges = new MeterChangeService(_context, cards);
        Recovery = new RecoveryService(_context, cards);
        Queries = new QueryService(_context);
        Reports = new ReportService(_context);
        Branches = new BranchService(_context);
        Maintenance = new MaintenanceService(_context);
        Payments = new PaymentService(_context);
    }

    /// <summary>Payments taken by partners (banks), written to cards at the customer's next visit.</summary>
    public PaymentService Payments { get; }

    public VendingDatabase Database => _context.Database;

    public OperatorService Operators { get; }

    public SiteService Site { get; }

    public SupplyGroupService Groups { get; }

    public PriceService Prices { get; }

    public CustomerService Customers { get; }

    public MeterService Meters { get; }

    public AccountService Accounts { get; }

    public SaleService Sales { get; }

    public CardService Cards { get; }

    public MeterChangeService MeterChanges { get; }

    public RecoveryService Recovery { get; }

    public QueryService Queries { get; }

    /// <summary>Reports and analytics (docs/reports.md).</summary>
    public ReportService Reports { get; }

    /// <summary>Branch summary meters and their readings, for line loss.</summary>
    public BranchService Branches { get; }

    public MaintenanceService Maintenance { get; }

    /// <summary>
    /// Creates the schema, the seed roles, the site and its first administrator. Refused on a database
    /// that already has a site, so an init never overwrites books.
    /// </summary>
    public VendResult<SiteInfo> Initialise(SiteInfo site, string adminLogin, string adminPassword)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (PasswordHasher.Weakness(adminPassword) is { } weakness)
        {
            return Refuse.Invalid(weakness);
        }

        if (SiteService.Problem(site) is { } problem)
        {
            return Refuse.Invalid(problem);
        }

        _context.Database.Migrate();
        return _context.Write<SiteInfo>(null, null, scope =>
        {
            if (scope.Scalar<long>("SELECT COUNT(*) FROM site") > 0)
            {
                return Refuse.Conflict($"{_context.Database.Describe} already holds a site; nothing was changed");
            }

            foreach (var (name, permissions) in SeedRoles.All)
            {
                scope.Execute("INSERT INTO roles (name, permissions) VALUES (@name, @text)", new { name, text = SeedRoles.Format(permissions) });
            }

            scope.Execute(
                """
                INSERT INTO site (id, station_number, station_name, management_unit, registration_code, licence_groups, default_reader, next_receipt, next_card_serial, next_customer)
                VALUES (1, @StationNumber, @StationName, @ManagementUnit, @RegistrationCode, @LicenceGroups, @DefaultReader, 1, 1, 1)
                """,
                site);
            OperatorService.InsertOperator(scope, adminLogin, "Administrator", SeedRoles.Administrator, adminPassword, _context.Options.PasswordIterations);
            scope.LogAs(adminLogin, "init", site.StationNumber, $"site '{site.StationName}', licence {site.LicenceGroups} groups, administrator '{adminLogin}'");
            return site;
        });
    }

    /// <summary>Brings an existing database to this program's schema; refuses an empty or foreign file.</summary>
    public string? Open()
    {
        if (_context.Database.SchemaVersion() == 0)
        {
            return $"{_context.Database.Describe} is not a prepaid back-office database; create one with 'prepaid vend init'";
        }

        _context.Database.Migrate();
        return null;
    }
}
