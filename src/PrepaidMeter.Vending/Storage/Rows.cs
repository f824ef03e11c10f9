using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// Rows as the database holds them (primitive columns, snake_case mapped by Dapper), and their
/// conversion to the domain's typed values. Kept apart so no typed value ever reaches SQL unconverted.
/// </summary>
internal static class Rows
{
    public static DateTimeOffset Time(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string Unit(CreditUnit unit) => unit.Name();

    /// <exception cref="InvalidOperationException">The books hold a unit that is none of the three: they were edited by hand.</exception>
    public static CreditUnit Unit(string text) =>
        CreditUnits.Parse(text) ?? throw new InvalidOperationException($"The books hold credit unit '{text}', which is none of energy, money and volume.");

    public static string Group(SupplyGroupCode code) => code.ToString();

    public static SupplyGroupCode Group(string text) => SupplyGroupCode.Parse(text).GetValueOrThrow();

    public static string Meter(MeterNumber number) => number.ToString();

    /// <summary>A LIKE pattern (with <c>ESCAPE '\'</c>) for a column holding <paramref name="text"/>, upper-cased for an UPPER(column) match.</summary>
    public static string Holding(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal).ToUpperInvariant() + "%";

    public static MeterNumber Meter(string text) => MeterNumber.Parse(text).GetValueOrThrow();

    public static string Lower<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    public static TEnum Enum<TEnum>(string text) where TEnum : struct, Enum => System.Enum.Parse<TEnum>(text, ignoreCase: true);

    /// <summary>
    /// The query for the serial of the meter-change card written for the meter <paramref name="meterNumber"/> names
    /// (a parameter, or a column of an outer query) whose change is neither completed nor abandoned (its card recycled).
    /// </summary>
    public static string OpenChangeCard(string meterNumber) =>
        $"SELECT card_serial FROM tool_cards WHERE kind = 'meter-change' AND meter_number = {meterNumber} AND closed_at IS NULL ORDER BY id DESC LIMIT 1";
}

internal sealed class GroupRow
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string Secret { get; init; } = "";
    public string MeterModel { get; init; } = "";
    public string Layout { get; init; } = "";

    /// <summary>A vendor layout's descriptor text; null where <see cref="Layout"/> is a shipped id (<see cref="GroupLayouts"/>).</summary>
    public string? LayoutText { get; init; }

    public string CreditUnit { get; init; } = "";
    public long PurchaseLimit { get; init; }
    public long Preset { get; init; }
    public long Alarm1 { get; init; }
    public long Alarm2 { get; init; }
    public long Overdraft { get; init; }
    public long PowerLimitWatts { get; init; }

    /// <summary>"electricity", "water" or "gas"; null for a group made before schema step 10 (<see cref="MeterType"/>).</summary>
    public string? Utility { get; init; }

    public long? SubMeter { get; init; }

    public CreditUnit Unit => Rows.Unit(CreditUnit);

    /// <summary>The group's meter type; a group made before meter types were kept is water where it counts m³, else electricity.</summary>
    public Utility MeterType => Utility is { } text
        ? Utilities.Parse(text) ?? throw new InvalidOperationException($"The books hold meter type '{text}', which is none of electricity, water and gas.")
        : SupplyGroupDefinition.ImpliedMeterType(Unit);

    public CreditAmount Amount(long hundredths) => new(Unit, hundredths);

    public SupplyGroup ToModel() => new(Rows.Group(Code), Name, Mask(Secret), MeterModel, Layout, Unit,
        Amount(PurchaseLimit), Amount(Preset), Amount(Alarm1), Amount(Alarm2), Amount(Overdraft), checked((uint)PowerLimitWatts))
    {
        LayoutText = LayoutText,
        MeterType = MeterType,
        SubMeter = SubMeter is { } n ? checked((int)n) : null,
    };

    // The maintenance code is shown as its first and last two hex digits, never whole.
    private static string Mask(string secret) => secret.Length <= 4 ? "****" : $"{secret[..2]}…{secret[^2..]}";
}

internal sealed class CustomerRow
{
    public long Id { get; init; }
    public long Number { get; init; }
    public string Name { get; init; } = "";
    public string Contact { get; init; } = "";
    public string Address { get; init; } = "";
    public string Region { get; init; } = "";
    public string Line { get; init; } = "";
    public string TransformerArea { get; init; } = "";
    public string Category { get; init; } = "";

    public Customer ToModel() => new(Id, CustomerNumber.From(checked((ulong)Number)), new CustomerDetails(Name, Contact, Address, Region, Line, TransformerArea, Category));
}

internal sealed class MeterRow
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public string GroupCode { get; init; } = "";
    public string Model { get; init; } = "";
    public string Status { get; init; } = "";

    public MeterInfo ToModel() => new(Id, Rows.Meter(Number), Rows.Group(GroupCode), Model, Rows.Enum<MeterStatus>(Status));
}

internal class AccountRow
{
    public long Id { get; init; }
    public long CustomerId { get; init; }
    public long CustomerNumber { get; init; }
    public string CustomerName { get; init; } = "";
    public long MeterId { get; init; }
    public string MeterNumber { get; init; } = "";
    public long PriceTypeId { get; init; }
    public string GroupCode { get; init; } = "";
    public long CardSerial { get; init; }
    public long PurchaseCount { get; init; }
    public long Arrears { get; init; }
    public string Status { get; init; } = "";
    public long Version { get; init; }

    /// <summary>
    /// The customer number the account's user card carries, which the meter is bound to: the customer's own, or, on an
    /// account a transfer made, that of the customer the meter was first sold to (<c>accounts.card_customer</c>).
    /// </summary>
    public long CardCustomer { get; init; }

    public const string Select = "SELECT " + Columns + " FROM " + Tables;

    protected const string Columns = """
        a.id, a.customer_id, c.number AS customer_number, c.name AS customer_name, a.meter_id, m.number AS meter_number,
               a.price_type_id, a.group_code, a.card_serial, a.purchase_count, a.arrears, a.status, a.version,
               COALESCE(a.card_customer, c.number) AS card_customer
        """;

    protected const string Tables = "accounts a JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id";

    public Account ToModel() => new(Id, Core.CustomerNumber.From(checked((ulong)CustomerNumber)), CustomerName, Rows.Meter(MeterNumber), Rows.Group(GroupCode),
        PriceTypeId, Core.CardSerial.From(checked((ulong)CardSerial)), Core.PurchaseCount.From(checked((uint)PurchaseCount)), Money.FromHundredths(Arrears),
        Rows.Enum<AccountStatus>(Status));
}

/// <summary>
/// An account as a card operation finds it, with what would stop a card write on it: the write in progress on
/// the account (at most one, a unique index) and the meter-change card open for its meter
/// (<see cref="Rows.OpenChangeCard"/>). One statement, not three: on a server each is a round trip, with the
/// account's row locked.
/// </summary>
internal sealed class AccountOnCard : AccountRow
{
    public string? PendingOperation { get; init; }
    public string? PendingOperator { get; init; }
    public string? PendingSince { get; init; }
    public long? OpenChangeCard { get; init; }

    /// <summary>The account's latest split change (用电比例), if it ever had one: a sale on an account never split looks no further.</summary>
    public long? LatestSplit { get; init; }

    public static new readonly string Select = "SELECT " + Columns
        + ", w.operation AS pending_operation, w.operator AS pending_operator, w.created_at AS pending_since, ("
        + Rows.OpenChangeCard("m.number") + ") AS open_change_card, (SELECT MAX(l.id) FROM account_splits l WHERE l.account_id = a.id) AS latest_split FROM "
        + Tables + " LEFT JOIN card_writes w ON w.account_id = a.id";
}

internal sealed record SaleRow
{
    public long Id { get; init; }
    public long? ReceiptNo { get; init; }
    public long AccountId { get; init; }
    public long MeterId { get; init; }
    public long CustomerNumber { get; init; }
    public string CustomerName { get; init; } = "";
    public string MeterNumber { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public long PurchaseCount { get; init; }
    public long CardSerial { get; init; }
    public string CreditUnit { get; init; } = "";
    public long Credit { get; init; }
    public long Energy { get; init; }
    public long Money { get; init; }
    public long ArrearsCollected { get; init; }
    public long? PriceVersionId { get; init; }
    public long? ReplacesSaleId { get; init; }
    public string Operator { get; init; } = "";
    public string CreatedAt { get; init; } = "";

    /// <summary>How many shares the sale has (its account's energy split); read only by <see cref="SelectSettling"/>, else 0.</summary>
    public long Shares { get; init; }

    /// <summary>As <see cref="Select"/>, with the sale's share count: what a settlement reads, so an unsplit sale's settles with no look at shares.</summary>
    public static readonly string SelectSettling = Select.Replace("FROM sales s ", ", (SELECT COUNT(*) FROM sale_shares x WHERE x.sale_id = s.id) AS shares FROM sales s ", StringComparison.Ordinal);

    public const string Select = """
        SELECT s.id, s.receipt_no, s.account_id, s.meter_id, c.number AS customer_number, c.name AS customer_name, m.number AS meter_number,
               s.kind, s.status, s.purchase_count, s.card_serial, s.credit_unit, s.credit, s.energy, s.money, s.arrears_collected,
               s.price_version_id, s.replaces_sale_id, s.operator, s.created_at
        FROM sales s JOIN accounts a ON a.id = s.account_id JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = s.meter_id
        """;

    public Receipt ToModel() => new(Id, ReceiptNo, AccountId, Core.CustomerNumber.From(checked((ulong)CustomerNumber)), CustomerName, Rows.Meter(MeterNumber),
        Rows.Enum<SaleKind>(Kind), Rows.Enum<SaleStatus>(Status), Core.PurchaseCount.From(checked((uint)PurchaseCount)), Core.CardSerial.From(checked((ulong)CardSerial)),
        new CreditAmount(Rows.Unit(CreditUnit), Credit), Core.Energy.FromHundredths(Energy), Core.Money.FromHundredths(Money),
        Core.Money.FromHundredths(ArrearsCollected), Operator, Rows.Time(CreatedAt));
}
