using PrepaidMeter.Vending.Accounts;
using PrepaidMeter.Vending.Amendments;
using PrepaidMeter.Vending.Splits;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Issuing;
using PrepaidMeter.Vending.Keypad;
using PrepaidMeter.Vending.Maintenance;
using PrepaidMeter.Vending.Payments;
using PrepaidMeter.Vending.Ledger;
using PrepaidMeter.Vending.Readings;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Sales;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Setup;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Tolerance;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending;

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
        // Reports and queries only read: from the report copy when there is one (a standby), so they never load the books' server.
        Queries = new QueryService(_context.ForReports);
        Reports = new ReportService(_context.ForReports);
        Ledger = new LedgerService(_context);
        Branches = new BranchService(_context);
        Maintenance = new MaintenanceService(_context);
        Payments = new PaymentService(_context);
        District = new DistrictService(_context);
        Dictionary = new DictionaryService(_context);
        Invoices = new InvoiceService(_context);
        Ports = new PortService(_context);
        Amendments = new AmendmentService(_context, cards);
        Closings = new ClosingService(_context, cards);
        Tolerance = new ToleranceService(_context, cards);
        Splits = new SplitService(_context);
        Rounds = new ReadingRoundService(_context);
        TokenGroups = new TokenGroupService(_context);
        Tokens = new TokenService(_context);
    }

    /// <summary>The readers and serial ports the site names (端口设置).</summary>
    public PortService Ports { get; }

    /// <summary>The site's receipt and invoice templates (发票格式), and receipts printed with them.</summary>
    public InvoiceService Invoices { get; }

    /// <summary>The site's lists (系统字典) customers are filed under.</summary>
    public DictionaryService Dictionary { get; }

    /// <summary>Closing accounts (销户): the card recycled, the meter back to stock, its credit refunded or kept as the site's rule says.</summary>
    public ClosingService Closings { get; }

    /// <summary>Amendments to an account: its power type from a date, its contracted capacity with the set card that writes it.</summary>
    public AmendmentService Amendments { get; }

    /// <summary>Error-tolerance selling and reset for selling (administrators, with a reason).</summary>
    public ToleranceService Tolerance { get; }

    /// <summary>Proportion of energy consuming: an account's meter shared by several customers, its energy split among them.</summary>
    public SplitService Splits { get; }

    /// <summary>A made-up district for trying the reports (administrators, books with no real sales).</summary>
    public DistrictService District { get; }

    /// <summary>Centralised meter reading: rounds over the meter link (docs/vending.md, "Centralised meter reading").</summary>
    public ReadingRoundService Rounds { get; }

    /// <summary>Supply groups' medium (card, token, both) and token keys (administrators; the vending key never shown).</summary>
    public TokenGroupService TokenGroups { get; }

    /// <summary>Keypad tokens: token accounts, credit token sales, reprint, cancel, correction, key changes, management tokens.</summary>
    public TokenService Tokens { get; }

    /// <summary>Payments taken by partners (banks), written to cards at the customer's next visit.</summary>
    public PaymentService Payments { get; }

    public VendingDatabase Database => _context.Database;

    /// <summary>The clock every service reads (the options' one): a host's own timing (a web console's cookies) reads it too.</summary>
    public TimeProvider Time => _context.Options.Time;

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

    /// <summary>The meter account: transaction books, the account check, accounts receivable.</summary>
    public LedgerService Ledger { get; }

    /// <summary>Branch summary meters and their readings, for line loss.</summary>
    public BranchService Branches { get; }

    public MaintenanceService Maintenance { get; }

    /// <summary>
    /// Creates the schema, the seed roles, the site and its first administrator, keyed with the options' audit key.
    /// Refused on a database that already has a site, so an init never overwrites books. The site's recovery code
    /// (for an administrator locked out for good) is in the result, once: the books keep only its hash.
    /// </summary>
    public VendResult<SiteCreated> Initialise(SiteInfo site, string adminLogin, string adminPassword)
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

        if (_context.Options.AuditKey is not { } key)
        {
            return new Refusal(RefusalReason.AuditKey, "a new site needs an audit key (BackOfficeOptions.AuditKey); 'prepaid vend init' makes one");
        }

        _context.Database.Migrate();
        var recovery = RecoveryCode.New();
        return _context.Write<SiteCreated>(null, null, scope =>
        {
            if (scope.Scalar<long>("SELECT COUNT(*) FROM site") > 0)
            {
                return Refuse.Conflict($"{_context.Database.Describe} already holds a site; nothing was changed");
            }

            foreach (var (name, permissions) in SeedRoles.All)
            {
                scope.ExecuteCovered(AuditedTable.Roles, "INSERT INTO roles (name, permissions) VALUES (@name, @text)", new { name, text = SeedRoles.Format(permissions) });
            }

            scope.ExecuteCovered(AuditedTable.Site,
                """
                INSERT INTO site (id, station_number, station_name, management_unit, registration_code, licence_groups, default_reader, next_receipt, next_card_serial, next_customer,
                                  audit_key_id, audit_public_key, keyed_from, recovery_code)
                VALUES (1, @StationNumber, @StationName, @ManagementUnit, @RegistrationCode, @LicenceGroups, @DefaultReader, 1, 1, 1, @keyId, @publicKey, 1, @recoveryHash)
                """,
                new { site.StationNumber, site.StationName, site.ManagementUnit, site.RegistrationCode, site.LicenceGroups, site.DefaultReader,
                      keyId = key.Id, publicKey = key.PublicKey, recoveryHash = RecoveryCode.Hash(recovery, _context.Options.PasswordIterations) });
            OperatorService.InsertOperator(scope, adminLogin, "Administrator", SeedRoles.Administrator, adminPassword, _context.Options.PasswordIterations);
            scope.LogAs(adminLogin, "init", site.StationNumber, $"site '{site.StationName}', licence {site.LicenceGroups} groups, administrator '{adminLogin}', audit key {key.Id}");
            return new SiteCreated(site, key.Id, recovery);
        });
    }

    /// <summary>
    /// Brings an existing database to this program's schema; refuses an empty or foreign file. Books made before
    /// the audit key (schema 7 and earlier) take the options' key here: one entry covers every row as it stands,
    /// and every entry from it on is keyed (the ones before keep their plain hashes, checked by their links).
    /// </summary>
    public string? Open()
    {
        if (_context.Database.SchemaVersion() == 0)
        {
            return $"{_context.Database.Describe} is not a prepaid back-office database; create one with 'prepaid vend init'";
        }

        _context.Database.Migrate();
        if (!Site.Exists())
        {
            return $"{_context.Database.Describe} holds no site (an init that did not finish?); create the books again with 'prepaid vend init'";
        }

        if (_context.Options.AuditKey is { } key && Site.AuditKeyId() is null)
        {
            var adopted = AdoptAuditKey(key);
            return adopted.Success ? null : adopted.Refusal.Message;
        }

        return null;
    }

    private VendResult<bool> AdoptAuditKey(AuditKey key) =>
        _context.Write<bool>(null, null, scope =>
        {
            scope.Execute("UPDATE site SET audit_key_id = @Id, audit_public_key = @PublicKey, keyed_from = log_seq + 1 WHERE id = 1 AND audit_key_id IS NULL", key);
            var rows = 0;
            foreach (var table in AuditedTable.All)
            {
                foreach (var (rowKey, _) in RowDigest.All(scope.Connection, table, scope.Transaction).ToList())
                {
                    scope.Cover(table, rowKey);
                    rows++;
                }
            }

            scope.LogAs("system", "audit key", key.Id, $"the books take audit key {key.Id}: the {rows} rows they hold are covered as they stand, and every entry from this one on is keyed");
            return true;
        });
}

/// <summary>A new site: what was registered, the audit key it is keyed with, and its recovery code (shown once, kept only as a hash).</summary>
public sealed record SiteCreated(SiteInfo Site, string AuditKeyId, string RecoveryCode);
