namespace PrepaidMeter.Vending.Audit;

/// <summary>
/// A table whose rows money, credit or authority depend on: every change to one of its rows is covered by
/// the digest of the row as committed, carried by the log entry of the operation that made it.
/// </summary>
/// <param name="Name">The table, as in SQL.</param>
/// <param name="Key">The column that names a row.</param>
/// <param name="Ignored">Columns left out of the digest (see <see cref="Site"/>).</param>
public sealed record AuditedTable(string Name, string Key, params string[] Ignored)
{
    /// <summary>
    /// The site row, but for the log's head (it moves with every entry and the chain checks it) and the next card
    /// serial, which a card write takes before its card is written, in a transaction that logs nothing yet (the
    /// audit checks instead that no card in the books has a serial at or past it).
    /// </summary>
    public static readonly AuditedTable Site = new("site", "id", "log_seq", "log_hash", "next_card_serial");
    public static readonly AuditedTable Roles = new("roles", "name");
    public static readonly AuditedTable Operators = new("operators", "id");
    public static readonly AuditedTable SupplyGroups = new("supply_groups", "code");
    public static readonly AuditedTable PriceTypes = new("price_types", "id");
    public static readonly AuditedTable PriceVersions = new("price_versions", "id");
    public static readonly AuditedTable Customers = new("customers", "id");
    public static readonly AuditedTable Meters = new("meters", "id");
    public static readonly AuditedTable Accounts = new("accounts", "id");
    public static readonly AuditedTable AccountCharges = new("account_charges", "id");
    public static readonly AuditedTable Sales = new("sales", "id");
    public static readonly AuditedTable Reissues = new("reissues", "id");
    public static readonly AuditedTable MeterChanges = new("meter_changes", "id");
    public static readonly AuditedTable ToolCards = new("tool_cards", "id");
    public static readonly AuditedTable Partners = new("partners", "id");
    public static readonly AuditedTable Payments = new("payments", "id");
    public static readonly AuditedTable AccountTransfers = new("account_transfers", "id");
    public static readonly AuditedTable DictionaryEntries = new("dictionary_entries", "id");
    public static readonly AuditedTable InvoiceTemplates = new("invoice_templates", "id");
    public static readonly AuditedTable Ports = new("ports", "id");
    public static readonly AuditedTable PowerTypeChanges = new("power_type_changes", "id");
    public static readonly AuditedTable CapacityChanges = new("capacity_changes", "id");
    public static readonly AuditedTable Closings = new("closings", "id");
    public static readonly AuditedTable ToleranceUses = new("tolerance_uses", "id");

    /// <summary>A split of an account's energy (用电比例): who shares its meter, at which price type, in what proportion.</summary>
    public static readonly AuditedTable AccountSplits = new("account_splits", "id");
    public static readonly AuditedTable SplitShares = new("split_shares", "id");

    /// <summary>A sale's shares under its account's split: each sharer's kWh and money.</summary>
    public static readonly AuditedTable SaleShares = new("sale_shares", "id");

    /// <summary>A reading round over the meter link: which meters it polled and which did not answer.</summary>
    public static readonly AuditedTable ReadingRounds = new("reading_rounds", "id");

    /// <summary>A supply group's token key of one revision and base date (the vending key kept as the maintenance code is).</summary>
    public static readonly AuditedTable TokenKeys = new("token_keys", "id");

    /// <summary>A token account's meter: its DRN, the key it holds, the last token identifier issued to it.</summary>
    public static readonly AuditedTable TokenMeters = new("token_meters", "id");

    /// <summary>A token issued: credit (with its sale), management or a key change section.</summary>
    public static readonly AuditedTable Tokens = new("tokens", "id");

    /// <summary>
    /// Every audited table. Not audited: readings (a card's, or a round's over the link) and the meter history (the meters' own word, brought by cards and
    /// re-readable), branch meters and their readings (line loss, no money), pending card writes (transient; settled
    /// into audited rows), and the log itself (chained).
    /// </summary>
    public static IReadOnlyList<AuditedTable> All { get; } =
    [
        Site, Roles, Operators, SupplyGroups, PriceTypes, PriceVersions, Customers, Meters,
        Accounts, AccountCharges, Sales, Reissues, MeterChanges, ToolCards, Partners, Payments, AccountTransfers,
        DictionaryEntries, InvoiceTemplates, Ports,
        PowerTypeChanges, CapacityChanges, Closings, ToleranceUses, ReadingRounds, AccountSplits, SplitShares, SaleShares,
        TokenKeys, TokenMeters, Tokens,
    ];

    public static AuditedTable? Named(string name) => All.FirstOrDefault(t => t.Name == name);

    public override string ToString() => Name;
}
