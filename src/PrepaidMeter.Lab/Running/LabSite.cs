using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Lab.Running;

/// <summary>
/// The back office a scenario sells from: a temporary SQLite file with the site, one supply group, one
/// price, one customer and the meters in stock, an administrator at the counter, the counter's reader
/// and a stack of blank cards of the group. The scenario's clock drives it.
/// </summary>
internal sealed class LabSite : IDisposable
{
    private const string Login = "lab";
    private const string Password = "lab-pass-1";

    private readonly string _folder;
    private readonly BackOfficeOptions _options;

    private LabSite(string folder, Scenario scenario, ICounterSlot? counterSlot)
    {
        _folder = folder;
        Model = scenario.Model;
        // A keypad-only model has no card layout; its group still needs one in the books (and a stack of blanks for a
        // blankCard step to show the meter refusing a card), so it takes the reference layout.
        Layout = Model.Layouts.Count > 0 ? Model.Layouts[0] : CardLayouts.Get("pm-ref-v1");
        Keys = SupplyGroupKeys.Derive(scenario.Site.Secret);
        Group = scenario.Site.Group;
        Time = new ScenarioClock(scenario.Start);
        Database = new SqliteVendingDatabase(Path.Combine(folder, "lab.db"));

        // A lab runs hundreds of logins a minute: the hash stays PBKDF2, with the fewest iterations it accepts.
        // Its books live as long as the run, so their audit key is the run's own.
        _options = new BackOfficeOptions { Time = Time, PasswordIterations = 1_000, AuditKey = Vending.Audit.AuditKey.Generate() };
        Office = new BackOffice(Database, _options);
        Counter = new CounterHand(new InMemoryCardReader("counter"), counterSlot);
    }

    public MeterModel Model { get; }

    public CardLayout Layout { get; }

    public SupplyGroupKeys Keys { get; }

    public SupplyGroupCode Group { get; }

    public ScenarioClock Time { get; }

    public SqliteVendingDatabase Database { get; }

    /// <summary>The back office now running: after a power cut at the counter, the one started again on the same books.</summary>
    public BackOffice Office { get; private set; }

    public OperatorSession Admin { get; private set; } = null!;

    public long PriceType { get; private set; }

    public CustomerNumber Customer { get; private set; }

    /// <summary>The counter's reader, with a hand that can pull the card or cut the counter's power mid-write.</summary>
    public CounterHand Counter { get; }

    /// <summary>Creates the books for <paramref name="scenario"/>; a set-up the back office refuses is a mistake in the scenario.</summary>
    /// <param name="counterSlot">The target's slot a card write cut short at the counter goes through (null: the in-memory reader tears it).</param>
    public static (LabSite? Site, string? Problem) Create(Scenario scenario, ICounterSlot? counterSlot)
    {
        var folder = Path.Combine(Path.GetTempPath(), "prepaid-lab-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var site = new LabSite(folder, scenario, counterSlot);
        var problem = site.SetUp(scenario);
        if (problem is null)
        {
            return (site, null);
        }

        site.Dispose();
        return (null, $"{scenario.Source}: the site set-up was refused: {problem}");
    }

    /// <summary>A factory-new card of the group's card stock: the layout's medium, its PSC set.</summary>
    public MemoryCard NewBlank() => Layout.NewBlankCard(Keys.Psc.Span);

    /// <summary>A card of the group's stock holding <paramref name="image"/> (a layout image) at the layout's offset, behind <paramref name="keys"/>' PSC.</summary>
    public MemoryCard CardWith(ReadOnlySpan<byte> image, SupplyGroupKeys keys)
    {
        var memory = Layout.NewCardMemory();
        image.CopyTo(memory.AsSpan(Layout.MediumOffset));
        return new(Layout.Medium, memory, Layout.Medium.PscOf(keys.Psc.Span));
    }

    /// <summary>A card of the group's stock whose whole memory is <paramref name="memory"/> (a kept copy of one).</summary>
    public MemoryCard CopyOf(ReadOnlySpan<byte> memory) => new(Layout.Medium, memory, Layout.Medium.PscOf(Keys.Psc.Span));

    /// <summary>The layout's image on <paramref name="card"/>: what the meter and the back office decode.</summary>
    public ReadOnlySpan<byte> ImageOf(MemoryCard card) => Layout.ImageOn(card.Memory);

    /// <summary>Puts <paramref name="card"/> in the counter's reader, taking out whatever was there.</summary>
    public void AtCounter(MemoryCard card)
    {
        Counter.Remove();
        Counter.Insert(card);
    }

    /// <summary>
    /// The back office as it starts after a power cut: a new process on the same books, with the same site key and clock.
    /// Whatever the old one was writing stays pending in the books until recovery settles it.
    /// </summary>
    public void Restart() => Office = new BackOffice(Database, _options);

    public void Dispose()
    {
        SqliteVendingDatabase.ClearPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open; the temporary folder is the OS's to clean.
        }
    }

    /// <summary>An amount a scenario's site gives, in hundredths of the model's unit; the model's default when it gives none.</summary>
    private CreditAmount Given(long? hundredths, CreditAmount fallback) => hundredths is { } h ? new(Model.CreditUnit, h) : fallback;

    private string? SetUp(Scenario scenario)
    {
        var setup = scenario.Site;
        var defaults = Model.Defaults;
        var office = Office;
        var init = office.Initialise(new SiteInfo("0001", "Lab counter", "PrepaidMeter lab", "LAB-1", 4, "memory"), Login, Password);
        if (!init.Success)
        {
            return init.Refusal.Message;
        }

        Admin = office.Operators.Login(Login, Password).Value;
        var group = office.Groups.Add(Admin, new SupplyGroupDefinition(Group, "Lab group", Convert.ToHexString(setup.Secret), Model.Id, Layout.Id,
            Model.CreditUnit, Given(setup.PurchaseLimit, defaults.PurchaseLimit), Model.PresetCredit, Given(setup.Alarm1, defaults.Alarm1),
            Given(setup.Alarm2, defaults.Alarm2), Given(setup.Overdraft, defaults.OverdraftLimit), setup.PowerLimitWatts ?? defaults.PowerLimitWatts).WithLayout(Layout)
            with { MeterType = Model.Utility });
        if (!group.Success)
        {
            return group.Refusal.Message;
        }

        var price = office.Prices.AddType(Admin, Group, "residential", false, setup.Price ?? SiteSetup.DefaultPrice(Model.Utility));
        if (!price.Success)
        {
            return price.Refusal.Message;
        }

        PriceType = price.Value.Id;
        var customer = office.Customers.Register(Admin, new CustomerDetails(setup.CustomerName, "", setup.CustomerAddress, "Lab", "L1", "T1", "residential"));
        if (!customer.Success)
        {
            return customer.Refusal.Message;
        }

        Customer = customer.Value.Number;
        foreach (var meter in setup.Meters)
        {
            if (office.Meters.StockIn(Admin, meter, Group, Model.Id) is { Success: false } stock)
            {
                return stock.Refusal.Message;
            }
        }

        return Model.Token is { } rule ? SellTokens(office, rule) : null;
    }

    /// <summary>
    /// A token model's group sells tokens (and cards, when the model takes both) under the key the lab installs its meters
    /// with: the lab's vending key and the model's key parameters, so that a token sold at the counter is the meter's.
    /// </summary>
    private string? SellTokens(BackOffice office, TokenRule rule)
    {
        var key = new TokenKeyDefinition(TokenInstall.LabVendingKey(rule), rule.KeyType, rule.TariffIndex, rule.KeyRevision, rule.KeyExpiry, rule.BaseDate,
            rule.Algorithm, rule.KeyGeneration);
        var medium = Model.TakesCards ? SupplyMedium.Both : SupplyMedium.Token;
        return office.TokenGroups.Set(Admin, Group, medium, key) is { Success: false } refused ? refused.Refusal.Message : null;
    }
}
