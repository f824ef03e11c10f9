namespace PrepaidMeter.Vending.Domain;

/// <summary>The functions a role may be granted (the seeds' 权限 per function).</summary>
public enum Permission
{
    SiteManagement,
    OperatorManagement,
    SupplyGroups,
    Prices,
    Customers,
    Meters,
    Accounts,
    Sales,
    SaleCorrection,
    Reissue,
    MeterChange,
    ToolCards,
    Readings,
    Queries,
    Backup,
    Audit,

    /// <summary>Removing old log entries behind a signed checkpoint: an administrator's function.</summary>
    AuditCleanUp,

    /// <summary>Writing a made-up district into books with no real sales, to try the reports on: an administrator's function.</summary>
    MadeUpDistrict,

    /// <summary>
    /// Account transfer (过户): the premises change hands, the meter goes on under the new customer's account. Added after
    /// the site's roles were first made: the administrator role holds every function by definition; another role is granted it.
    /// </summary>
    AccountTransfer,

    /// <summary>The site's receipt and invoice templates (发票格式): what a printed invoice says and its tax lines. An administrator's function.</summary>
    InvoiceFormat,

    /// <summary>The site's lists (系统字典): regions, lines, transformer areas, categories. May be granted to a clerk who files customers.</summary>
    Dictionary,

    /// <summary>The readers and serial ports the site names (端口设置). An administrator's function.</summary>
    PortSet,

    /// <summary>Amending an account: its power (price) type from a date, its contracted capacity with the set card that writes it.</summary>
    Amendments,

    /// <summary>Closing an account (销户): the card recycled, the meter back to stock, its remaining credit refunded or kept.</summary>
    AccountClosing,

    /// <summary>Error-tolerance selling (容错售电) and reset for selling (重置售电), each with a reason: an administrator's function.</summary>
    ErrorTolerance,

    /// <summary>Proportion of energy consuming (用电比例): splitting an account's energy among the customers sharing its meter. A clerk's function, granted.</summary>
    EnergySplit,

    /// <summary>
    /// The lab in the web console: playing scenarios and certifying meter models on the console's machine. It touches no book
    /// (`prepaid lab` and `prepaid certify` need no login), but a run takes the console's processor for seconds to minutes, so a
    /// role is granted it; the administrator holds it by definition.
    /// </summary>
    Lab,

    /// <summary>
    /// Keypad tokens' keys (issue 28): a supply group's medium and token keys (the vending key among them), and the key change
    /// tokens that move a meter to a new key. An administrator's function.
    /// </summary>
    TokenKeys,

    /// <summary>Management tokens for a token meter: power limits, clear credit, clear tamper. An administrator's function.</summary>
    TokenManagement,
}

/// <summary>The roles a new site starts with; an administrator may change them.</summary>
public static class SeedRoles
{
    public const string Administrator = "administrator";
    public const string Cashier = "cashier";
    public const string Auditor = "auditor";

    public static IReadOnlyDictionary<string, IReadOnlySet<Permission>> All { get; } = new Dictionary<string, IReadOnlySet<Permission>>(StringComparer.Ordinal)
    {
        [Administrator] = Enum.GetValues<Permission>().ToHashSet(),
        [Cashier] = new HashSet<Permission>
        {
            Permission.Customers, Permission.Accounts, Permission.Sales, Permission.SaleCorrection,
            Permission.Reissue, Permission.Readings, Permission.Queries,
        },
        [Auditor] = new HashSet<Permission> { Permission.Queries, Permission.Audit },
    };

    /// <summary>Functions only an administrator role should hold (the seeds: meter change and tool cards).</summary>
    public static bool IsAdministrative(Permission permission) =>
        permission is Permission.MeterChange or Permission.ToolCards or Permission.OperatorManagement or Permission.SiteManagement
            or Permission.AuditCleanUp or Permission.MadeUpDistrict or Permission.InvoiceFormat or Permission.PortSet
            or Permission.AccountClosing or Permission.ErrorTolerance or Permission.TokenKeys or Permission.TokenManagement;

    public static string Format(IEnumerable<Permission> permissions) =>
        string.Join(',', permissions.Order().Select(Name));

    public static string Name(Permission permission) => permission switch
    {
        Permission.SiteManagement => "site",
        Permission.OperatorManagement => "operators",
        Permission.SupplyGroups => "groups",
        Permission.Prices => "prices",
        Permission.Customers => "customers",
        Permission.Meters => "meters",
        Permission.Accounts => "accounts",
        Permission.Sales => "sales",
        Permission.SaleCorrection => "corrections",
        Permission.Reissue => "reissue",
        Permission.MeterChange => "meter-change",
        Permission.ToolCards => "tool-cards",
        Permission.Readings => "readings",
        Permission.Queries => "queries",
        Permission.Backup => "backup",
        Permission.Audit => "audit",
        Permission.AuditCleanUp => "audit-clean",
        Permission.MadeUpDistrict => "district",
        Permission.AccountTransfer => "transfer",
        Permission.InvoiceFormat => "invoice-format",
        Permission.Dictionary => "dictionary",
        Permission.PortSet => "ports",
        Permission.Amendments => "amendments",
        Permission.AccountClosing => "closing",
        Permission.ErrorTolerance => "error-tolerance",
        Permission.EnergySplit => "split",
        Permission.Lab => "lab",
        Permission.TokenKeys => "token-keys",
        Permission.TokenManagement => "token-management",
        _ => throw new ArgumentOutOfRangeException(nameof(permission)),
    };

    /// <summary>Parses "sales,queries"; the error names the first unknown function.</summary>
    public static (IReadOnlySet<Permission> Permissions, string? Error) Parse(string text)
    {
        var names = Enum.GetValues<Permission>().ToDictionary(Name, p => p, StringComparer.Ordinal);
        var result = new HashSet<Permission>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!names.TryGetValue(part, out var permission))
            {
                return (result, $"unknown function '{part}'; the functions are {string.Join(", ", names.Keys)}");
            }

            result.Add(permission);
        }

        return (result, null);
    }
}
