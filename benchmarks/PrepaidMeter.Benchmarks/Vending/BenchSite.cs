using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;

namespace PrepaidMeter.Benchmarks.Vending;

/// <summary>
/// The books the sale benchmarks sell on: a site with one supply group on the reference layout and a flat
/// price, and accounts opened onto cards in readers of their own; between sales a card gets the
/// return-write a meter would write, so every sale does the same work.
/// </summary>
internal sealed class BenchSite
{
    public const string Password = "admin-pass-1";
    public static readonly CardLayout Layout = CardLayouts.ReferenceV1;
    private static readonly SupplyGroupCode Group = SupplyGroupCode.From(100001);
    private readonly BackOffice _office;
    private readonly long _price;

    private BenchSite(BackOffice office, OperatorSession session, long price)
    {
        _office = office;
        Session = session;
        _price = price;
    }

    public OperatorSession Session { get; }

    /// <summary>Initialises the site on an empty database.</summary>
    public static BenchSite Create(BackOffice office)
    {
        office.Initialise(new SiteInfo("1", "bench", "", "", 4, "memory"), "admin", Password).Value.ToString();
        var session = office.Operators.Login("admin", Password).Value;
        office.Groups.Add(session, new SupplyGroupDefinition(Group, "g", Convert.ToHexString(Some.GroupSecret), "pm-ref-energy", Layout.Id, CreditUnit.Energy, new(CreditUnit.Energy, 0), new(CreditUnit.Energy, 0), new(CreditUnit.Energy, 2000), new(CreditUnit.Energy, 1000), new(CreditUnit.Energy, 0), 0)).Value.ToString();
        var price = office.Prices.AddType(session, Group, "residential", false, """{"kind":"flat","price":"0.5"}""").Value.Id;
        return new BenchSite(office, session, price);
    }

    /// <summary>A new customer's account on <paramref name="meter"/>, its card (first purchase loaded) in a reader of its own.</summary>
    public InMemoryCardReader OpenAccount(string customerName, MeterNumber meter)
    {
        var customer = _office.Customers.Register(Session, new CustomerDetails(customerName, "", "", "", "", "", "")).Value.Number;
        _office.Meters.StockIn(Session, meter, Group, "").Value.ToString();
        var reader = new InMemoryCardReader(customerName);
        reader.Insert(new MemoryCard(Layout.NewImage(), Some.Keys.Psc.Span));
        _office.Accounts.OpenAsync(Session, reader, customer, meter, _price, PurchaseRequest.ForEnergy(Energy.FromKilowattHours(1))).GetAwaiter().GetResult().Value.ToString();
        Swipe(reader, Some.Moment);
        return reader;
    }

    /// <summary>
    /// A new customer's keypad token account on <paramref name="meter"/> (DRN <paramref name="drn"/>): the group set to sell
    /// both media under <paramref name="key"/> first. Its account id.
    /// </summary>
    public long OpenTokenAccount(string customerName, MeterNumber meter, string drn, TokenKeyDefinition key)
    {
        _office.TokenGroups.Set(Session, Group, SupplyMedium.Both, key).Value.ToString();
        var customer = _office.Customers.Register(Session, new CustomerDetails(customerName, "", "", "", "", "", "")).Value.Number;
        _office.Meters.StockIn(Session, meter, Group, "").Value.ToString();
        return _office.Tokens.Open(Session, customer, meter, _price, drn).Value.AccountId;
    }

    /// <summary>What the meter writes back at <paramref name="at"/>: the card's purchase is loaded, so the next sale is allowed.</summary>
    public static void Swipe(InMemoryCardReader reader, DateTimeOffset at)
    {
        var record = Layout.Decode(reader.Card!.Memory, Some.Keys).GetRecordOrThrow();
        var loaded = record with
        {
            ReturnWrite = new ReturnWriteBlock(record.MeterNumber, record.PurchaseCount, new CreditAmount(CreditUnit.Energy, 100), Energy.Zero, ReturnWriteStatus.PurchaseLoaded, at),
        };
        Layout.Encode(loaded, Some.Keys, out var image).ThrowIfRefused();
        reader.Remove();
        reader.Insert(new MemoryCard(image, Some.Keys.Psc.Span));
    }
}
