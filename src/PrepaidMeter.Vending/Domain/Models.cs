using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Domain;

/// <summary>The site (站点): who runs this counter, and its licence.</summary>
public sealed record SiteInfo(string StationNumber, string StationName, string ManagementUnit, string RegistrationCode, int LicenceGroups, string DefaultReader);

public sealed record OperatorInfo(long Id, string Login, string Name, string Role, bool Locked, bool Disabled, int FailedLogins);

public sealed record RoleInfo(string Name, IReadOnlySet<Permission> Permissions);

/// <summary>
/// A supply group (供电组): the unit of card security and of meter parameters. The maintenance code
/// (the secret the card keys derive from) never leaves the service in full: <see cref="MaskedSecret"/>.
/// </summary>
public sealed record SupplyGroup(
    SupplyGroupCode Code,
    string Name,
    string MaskedSecret,
    string MeterModel,
    string Layout,
    CreditUnit CreditUnit,
    CreditAmount PurchaseLimit,
    CreditAmount Preset,
    CreditAmount Alarm1,
    CreditAmount Alarm2,
    CreditAmount Overdraft,
    uint PowerLimitWatts)
{
    /// <summary>A vendor layout's descriptor text as the books keep it; null where <see cref="Layout"/> is a shipped layout's id.</summary>
    public string? LayoutText { get; init; }

    /// <summary>The meter type (仪表类型) the group's meters are: what its quantities are counted in (kWh or m³).</summary>
    public Utility MeterType { get; init; }

    /// <summary>The sub-meter number (子表号, 1–4), distinct within the site; null for a group given none.</summary>
    public int? SubMeter { get; init; }

    /// <summary>"kWh" or "m³": the unit the group's meters measure and its prices are per.</summary>
    public string QuantityUnit => MeterType.UnitSymbol();
}

/// <summary>What an administrator gives to create or change a supply group.</summary>
public sealed record SupplyGroupDefinition(
    SupplyGroupCode Code,
    string Name,
    string SecretHex,
    string MeterModel,
    string Layout,
    CreditUnit CreditUnit,
    CreditAmount PurchaseLimit,
    CreditAmount Preset,
    CreditAmount Alarm1,
    CreditAmount Alarm2,
    CreditAmount Overdraft,
    uint PowerLimitWatts)
{
    /// <summary>
    /// The layout's descriptor text, when it comes as text rather than as the id or path in <see cref="Layout"/>
    /// (the lab hands over the layouts of the model it certifies). Either way the books keep a vendor layout whole.
    /// </summary>
    public string? LayoutText { get; init; }

    /// <summary>
    /// The meter type; null takes the one the credit unit implies (water for volume, electricity otherwise). Water and
    /// gas count credit in m³ (<see cref="CreditUnit.Volume"/>); electricity in kWh or money.
    /// </summary>
    public Utility? MeterType { get; init; }

    /// <summary>The sub-meter number (子表号): 1 to 4, distinct within the site (the seeds' four accounts a site); null for none.</summary>
    public int? SubMeter { get; init; }

    /// <summary>The meter type this definition makes: <see cref="MeterType"/>, or the one the credit unit implies.</summary>
    public Utility ResolvedMeterType => MeterType ?? ImpliedMeterType(CreditUnit);

    /// <summary>
    /// The meter type a credit unit implies where none is said: water for m³, electricity otherwise — a definition without
    /// one, and a group made before schema step 10 (ReportSql.GroupUtility says the same in SQL).
    /// </summary>
    public static Utility ImpliedMeterType(CreditUnit unit) => unit == CreditUnit.Volume ? Utility.Water : Utility.Electricity;

    /// <summary>This definition with <paramref name="layout"/> as its layout: by id when shipped, with its text otherwise.</summary>
    public SupplyGroupDefinition WithLayout(PrepaidMeter.Cards.Layouts.CardLayout layout) =>
        this with { Layout = layout.Id, LayoutText = PrepaidMeter.Cards.Layouts.CardLayouts.TextUnlessShipped(layout) };
}

public sealed record PriceType(long Id, SupplyGroupCode Group, string Name, bool Preferential, bool Deleted);

/// <summary>One version of a price type: the tariff that applies from <see cref="EffectiveFrom"/> until the next version.</summary>
public sealed record PriceVersion(long Id, long PriceTypeId, DateTimeOffset EffectiveFrom, string Definition, string CreatedBy, DateTimeOffset CreatedAt, string? CorrectedFrom);

public sealed record CustomerDetails(string Name, string Contact, string Address, string Region, string Line, string TransformerArea, string Category);

public sealed record Customer(long Id, CustomerNumber Number, CustomerDetails Details);

public sealed record MeterInfo(long Id, MeterNumber Number, SupplyGroupCode Group, string Model, MeterStatus Status);

public enum MeterStatus
{
    /// <summary>In the store room, never installed or restored after removal.</summary>
    Stock,
    Installed,

    /// <summary>Taken off a customer by a meter change; may be restored to stock or retired.</summary>
    Removed,
    Retired,
}

public sealed record MeterHistoryEntry(DateTimeOffset At, string Event, string Detail, string Operator);

public enum AccountStatus
{
    /// <summary>Opened in a card write that has not settled yet.</summary>
    Pending,
    Open,

    /// <summary>Closed by an account transfer (过户): the meter went on under another customer's account (<c>accounts.transferred_to</c>).</summary>
    Transferred,

    /// <summary>Closed (销户): its card recycled, its meter back in stock; nothing more is done on it.</summary>
    Closed,
}

public sealed record Account(
    long Id,
    CustomerNumber Customer,
    string CustomerName,
    MeterNumber Meter,
    SupplyGroupCode Group,
    long PriceTypeId,
    CardSerial CardSerial,
    PurchaseCount PurchaseCount,
    Money Arrears,
    AccountStatus Status);

/// <summary>
/// How much a customer buys: energy (an electricity group), volume (a water or gas group), or money converted at
/// the current price (any group). Exactly one is given.
/// </summary>
public readonly record struct PurchaseRequest(Energy? Energy, Money? Money)
{
    /// <summary>The m³ bought, for a water or gas group.</summary>
    public Volume? Volume { get; init; }

    public static PurchaseRequest ForEnergy(Energy energy) => new(energy, null);

    public static PurchaseRequest ForVolume(Volume volume) => new(null, null) { Volume = volume };

    public static PurchaseRequest ForMoney(Money money) => new(null, money);

    /// <summary>The units a purchase is asked in, by the names the CLI's options (--energy, --volume, --money) and the counter's form use.</summary>
    public static IReadOnlyList<string> Units { get; } = ["energy", "volume", "money"];

    /// <summary>
    /// A purchase of <paramref name="amount"/> in <paramref name="unit"/> (one of <see cref="Units"/>), parsed alike for
    /// `vend sell|correct` and the web console's counter; the amount's own parse error when it does not parse.
    /// </summary>
    public static ParseResult<PurchaseRequest> Parse(string unit, string? amount)
    {
        static ParseResult<PurchaseRequest> Of<T>(ParseResult<T> parsed, Func<T, PurchaseRequest> request) =>
            parsed.TryGetValue(out var value) ? ParseResult<PurchaseRequest>.ForValue(request(value)) : ParseResult<PurchaseRequest>.ForError(parsed.Error!);

        return unit switch
        {
            "energy" => Of(Core.Energy.Parse(amount), ForEnergy),
            "volume" => Of(Core.Volume.Parse(amount), ForVolume),
            "money" => Of(Core.Money.Parse(amount), ForMoney),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "a purchase is in energy, volume or money"),
        };
    }

    public override string ToString() => Energy is { } e ? e.ToString() : Volume is { } v ? v.ToString() : $"{Money} money";
}

public enum SaleKind
{
    /// <summary>The first purchase, sold when the account is opened.</summary>
    Opening,
    Sale,

    /// <summary>A sale that replaced a corrected one (same purchase count, new amount).</summary>
    Correction,

    /// <summary>Credit moved from an old meter by a meter change.</summary>
    Transfer,

    /// <summary>A closed account's remaining credit paid back (negative money; the arrears set against it as arrears collected).</summary>
    Refund,
}

public enum SaleStatus
{
    Pending,
    Committed,

    /// <summary>Replaced by a correction before the card was swiped.</summary>
    Corrected,

    /// <summary>Cancelled before the card was swiped; the card was put back.</summary>
    Cancelled,
}

/// <summary>A receipt (购电凭证): one sale as it was committed. Report sums come from these same rows.</summary>
public sealed record Receipt(
    long SaleId,
    long? ReceiptNumber,
    long AccountId,
    CustomerNumber Customer,
    string CustomerName,
    MeterNumber Meter,
    SaleKind Kind,
    SaleStatus Status,
    PurchaseCount PurchaseCount,
    CardSerial CardSerial,
    CreditAmount Credit,
    Energy Energy,
    Money Money,
    Money ArrearsCollected,
    string Operator,
    DateTimeOffset At)
{
    /// <summary>Each sharer's kWh and money when the account's energy is split (用电比例); null when it is not. The money above is their sum, with the arrears.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ReceiptShare>? Shares { get; init; }
}

public enum ReadingSource
{
    /// <summary>The return-write block on a user card brought to the counter.</summary>
    ReturnWrite,

    /// <summary>A check card read at the meter.</summary>
    CheckCard,

    /// <summary>Read over the meter's DL/T 645 link.</summary>
    Link,
}

public sealed record MeterReading(MeterNumber Meter, ReadingSource Source, PurchaseCount LoadedCount, CreditAmount Remaining, Energy CumulativeEnergy, ushort Status, DateTimeOffset MeterTime, DateTimeOffset RecordedAt);

public sealed record ReissueRecord(long AccountId, CardSerial OldSerial, CardSerial NewSerial, PurchaseCount PurchaseCount, string Reason, string Operator, DateTimeOffset At);

public sealed record MeterChangeRecord(long AccountId, MeterNumber OldMeter, MeterNumber NewMeter, CreditAmount Transferred, CreditAmount Preset, CreditAmount Credited, string Operator, DateTimeOffset At);

/// <summary>Filters every query takes; null means "any".</summary>
public sealed record QueryFilter(CustomerNumber? Customer = null, MeterNumber? Meter = null, string? Operator = null, DateTimeOffset? From = null, DateTimeOffset? To = null);
