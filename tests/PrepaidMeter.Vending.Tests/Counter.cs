using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests;

/// <summary>
/// A counter on a real database (a SQLite file, or a database on a PostgreSQL server) with one supply group, a residential price, a customer and meters in
/// stock; cards are swiped at real virtual meters. Disposing it verifies the operation-log chain, so
/// every test that uses it also checks the log.
/// </summary>
internal sealed class Counter : IDisposable
{
    public static readonly SupplyGroupCode Group = SupplyGroupCode.From(100001);
    public static readonly MeterNumber MeterA = MeterNumber.From(12345678);
    public static readonly MeterNumber MeterB = MeterNumber.From(12345679);
    public const string Password = "admin-pass-1";

    private readonly TestDatabase _store;
    private readonly Dictionary<MeterNumber, VirtualMeter> _meters = [];

    public Counter(Store store = Store.Sqlite, CreditUnit unit = CreditUnit.Energy, Action<CardWriteStep>? afterStep = null, string price = """{"kind":"flat","price":"0.5000"}""",
        int settleAttempts = 1, string? postgres = null)
    {
        Time = new FakeTimeProvider(Some.Moment);
        _store = new TestDatabase(store, postgres);
        Office = new BackOffice(Database, new BackOfficeOptions { Time = Time, PasswordIterations = 1_000, AfterStep = afterStep, SettleAttempts = settleAttempts, AuditKey = AuditKey });
        RecoveryCode = Office.Initialise(new SiteInfo("0001", "Test station", "Test utility", "REG-1", 4, "memory"), "admin", Password).Value.RecoveryCode;
        Admin = Office.Operators.Login("admin", Password).Value;
        Unit = unit;
        Office.Groups.Add(Admin, new SupplyGroupDefinition(Group, "North", Convert.ToHexString(Some.GroupSecret), ModelOf(unit).Id,
            "pm-ref-v1", unit, new(unit, Hundredths(999)), new(unit, Hundredths(10)), new(unit, Hundredths(20)), new(unit, Hundredths(10)), new(unit, Hundredths(5)),
            unit == CreditUnit.Volume ? 0u : 10_000)).Value.ShouldNotBeNull();
        Residential = Office.Prices.AddType(Admin, Group, "residential", false, price).Value.Id;
        Customer = Office.Customers.Register(Admin, new CustomerDetails("Li Wei", "138-0000-0000", "1 River Road", "North", "L1", "T1", "residential")).Value.Number;
        Office.Meters.StockIn(Admin, MeterA, Group, "").Value.ShouldNotBeNull();
        Office.Meters.StockIn(Admin, MeterB, Group, "").Value.ShouldNotBeNull();
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The site's recovery code, as `vend init` shows it once.</summary>
    public string RecoveryCode { get; }

    /// <summary>The site's audit key (a new one per counter, as every site has its own).</summary>
    public AuditKey AuditKey { get; } = AuditKey.Generate();

    public VendingDatabase Database => _store.Database;

    /// <summary>Where the books are, as `--db` takes it: for another back office (another counter) on the same books.</summary>
    public string DatabaseOption => _store.Option;

    public BackOffice Office { get; }

    public OperatorSession Admin { get; }

    public CreditUnit Unit { get; }

    public long Residential { get; }

    public CustomerNumber Customer { get; }

    /// <summary>The counter's reader.</summary>
    public InMemoryCardReader Reader { get; } = new("counter");

    public static CardLayout Layout => CardLayouts.ReferenceV1;

    public static long Hundredths(decimal units) => (long)(units * 100);

    public static PurchaseRequest Kwh(decimal kwh) => PurchaseRequest.ForEnergy(Energy.FromKilowattHours(kwh));

    public static PurchaseRequest Pay(decimal money) => PurchaseRequest.ForMoney(Money.FromUnits(money));

    public static PurchaseRequest M3(decimal cubicMetres) => PurchaseRequest.ForVolume(Volume.FromCubicMetres(cubicMetres));

    /// <summary>The shipped model a counter of <paramref name="unit"/> sells for: energy, money (time-of-use) or water.</summary>
    public static MeterModel ModelOf(CreditUnit unit) => unit switch
    {
        CreditUnit.Energy => MeterModels.ReferenceEnergy,
        CreditUnit.Money => MeterModels.Get("pm-ref-money-tou"),
        _ => MeterModels.ReferenceWater,
    };

    /// <summary>A fresh card of the group's card stock (its PSC set), in the counter's reader.</summary>
    public MemoryCard InsertBlank()
    {
        var card = new MemoryCard(Layout.NewImage(), Some.Keys.Psc.Span);
        Reader.Remove();
        Reader.Insert(card);
        return card;
    }

    public void Insert(MemoryCard card)
    {
        Reader.Remove();
        Reader.Insert(card);
    }

    public CardRecord CardInReader() => Layout.Decode(Reader.Card!.Memory, Some.Keys).GetRecordOrThrow();

    /// <summary>Opens the account on MeterA (configured by a set card) with a first purchase; leaves the user card in the reader.</summary>
    public (Receipt Receipt, MemoryCard Card) OpenAccount(PurchaseRequest? first = null, MeterNumber? meter = null)
    {
        var number = meter ?? MeterA;
        ConfigureMeter(number);
        var card = InsertBlank();
        var receipt = Office.Accounts.OpenAsync(Admin, Reader, Customer, number, Residential, first ?? Kwh(50)).GetAwaiter().GetResult();
        return (receipt.Value, card);
    }

    /// <summary>Writes a set card at the counter and inserts it in the meter, as an installer would.</summary>
    public void ConfigureMeter(MeterNumber number)
    {
        var set = InsertBlank();
        Office.Cards.IssueToolCardAsync(Admin, Reader, CardKind.Set, Group, number).GetAwaiter().GetResult().Value.ShouldNotBeNull();
        Swipe(set, number).Result.ShouldBe(Meter.State.MeterResult.Configured);
        Reader.Remove();
    }

    public VirtualMeter MeterOf(MeterNumber number)
    {
        if (!_meters.TryGetValue(number, out var meter))
        {
            meter = VirtualMeter.Create(ModelOf(Unit), number, Group, Some.Keys, Time);
            _meters[number] = meter;
        }

        return meter;
    }

    /// <summary>Takes the card to the meter, inserts it, and brings it back with whatever the meter wrote.</summary>
    public CardOutcome Swipe(MemoryCard card, MeterNumber? meter = null)
    {
        var image = card.Memory.ToArray();
        var outcome = MeterOf(meter ?? MeterA).InsertCard(image);
        var back = new InMemoryCardReader("meter");
        back.Insert(card);
        CardImageIo.WriteChangedAsync(back, card.Memory.ToArray(), image, Some.Keys.Psc, CancellationToken.None).AsTask().GetAwaiter().GetResult().Success.ShouldBeTrue();
        back.Remove();
        return outcome;
    }

    public Task<VendResult<Receipt>> Sell(PurchaseRequest request) => Office.Sales.SellAsync(Admin, Reader, request);

    /// <summary>A byte of the card changed where the counter writes (a torn or damaged purchase area): the card no longer decodes.</summary>
    public static void Damage(MemoryCard card, int offset = 61)
    {
        var image = card.Memory.ToArray();
        image[offset] ^= 0x5A;
        var reader = new InMemoryCardReader("bench");
        reader.Insert(card);
        CardImageIo.WriteChangedAsync(reader, card.Memory.ToArray(), image, Some.Keys.Psc, CancellationToken.None).AsTask().GetAwaiter().GetResult().Success.ShouldBeTrue();
        reader.Remove();
    }

    /// <summary>A copy of the card as it stands: taken to the meter in its place, it leaves the card without the meter's return-write.</summary>
    public static MemoryCard CopyOf(MemoryCard card) => new(card.Memory, Some.Keys.Psc.Span);

    /// <summary>Reads the meter with a check card written at the counter and brings the reading to the books (`vend card reading`).</summary>
    public async Task<MeterReading> ReadMeterAsync(MeterNumber? meter = null)
    {
        var check = InsertBlank();
        (await Office.Cards.IssueToolCardAsync(Admin, Reader, CardKind.Check, Group, meter ?? MeterA)).Refusal.ShouldBeNull();
        Swipe(check, meter).Result.ShouldBe(Meter.State.MeterResult.Read);
        Insert(check);
        return (await Office.Cards.TakeReadingAsync(Admin, Reader)).Value;
    }

    /// <summary>
    /// A change no service makes (a fixture: rows as an older version left them), made through the audited write
    /// path — its rows covered by <paramref name="change"/>, one entry saying why — so the books still verify.
    /// </summary>
    public void Fixture(string why, Action<WriteScope> change)
    {
        var context = new VendingContext(Database, new BackOfficeOptions { Time = Time, AuditKey = AuditKey });
        context.Write<bool>(null, null, scope =>
        {
            change(scope);
            scope.Log("test fixture", "", why);
            return true;
        }).Value.ShouldBeTrue();
    }

    /// <summary>
    /// Splits the account's energy (用电比例): <paramref name="residentialBasisPoints"/> to the counter's customer at the residential
    /// type (0.50), the rest to a second customer, Zhang Min, at a commercial type (1.00) — each made the first time it is needed.
    /// </summary>
    public (long Commercial, CustomerNumber Sharer) SplitEnergy(long accountId, int residentialBasisPoints = 6_000, bool refusable = false)
    {
        _commercial ??= Office.Prices.List(Admin).Value.FirstOrDefault(t => t.Name == "commercial" && !t.Deleted)?.Id
            ?? Office.Prices.AddType(Admin, Group, "commercial", false, """{"kind":"flat","price":"1.0000"}""").Value.Id;
        _sharer ??= Office.Customers.Register(Admin, new CustomerDetails("Zhang Min", "139-0000-0000", "1 River Road, shop", "North", "L1", "T1", "commercial")).Value.Number;
        var set = Office.Splits.Set(Admin, accountId,
            [new ShareRequest(Customer, Residential, residentialBasisPoints), new ShareRequest(_sharer.Value, _commercial.Value, 10_000 - residentialBasisPoints)], "shop in the house");
        if (!refusable)
        {
            // A random history's split may be refused (split so already, the account closed): that history simply goes on.
            set.Refusal.ShouldBeNull();
        }

        return (_commercial.Value, _sharer.Value);
    }

    private long? _commercial;
    private CustomerNumber? _sharer;

    /// <summary>Made-up books written straight into the tables, covered and logged as `vend district` writes them.</summary>
    public void MadeUp(Action<PrepaidMeter.Vending.Reports.DistrictWriter> write) =>
        Office.District.Write(Admin, Group, Residential, w => { write(w); return true; }, _ => "made-up books for a test").Value.ShouldBeTrue();

    /// <summary>The whole audit with the site's key: the chain, every audited row, receipts gap-free.</summary>
    public AuditReport Audit(IReadOnlyList<AnchorLine>? anchors = null)
    {
        using var connection = Database.Open();
        return AuditVerifier.Verify(connection, AuditKey, anchors);
    }

    public IReadOnlyList<AuditFinding> VerifyLog() => Audit().Findings;

    /// <summary>Set by a test that tampered with the books on purpose: the audit on dispose is then the test's own business.</summary>
    public bool Tampered { get; set; }

    public void Dispose()
    {
        try
        {
            if (!Tampered)
            {
                VerifyLog().ShouldBeEmpty();
            }
        }
        finally
        {
            AuditKey.Dispose();
            _store.Dispose();
        }
    }
}
