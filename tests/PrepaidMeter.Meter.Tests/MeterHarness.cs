using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests;

/// <summary>A meter on a desk and a counter that makes its cards: the tests say only what matters to the rule.</summary>
internal sealed class MeterHarness
{
    public static readonly MeterNumber Number = MeterNumber.From(12345678);
    public static readonly SupplyGroupCode Group = SupplyGroupCode.From(100001);
    public static readonly CustomerNumber Customer = CustomerNumber.From(1001);

    public MeterHarness(MeterModel? model = null, PrepaidMeter.Meter.Tokens.TokenInstall? token = null)
    {
        Model = model ?? MeterModels.ReferenceEnergy;
        Meter = VirtualMeter.Create(Model, Number, Group, Some.Keys, new FakeTimeProvider(Some.Moment), token);
    }

    public MeterModel Model { get; }

    public VirtualMeter Meter { get; }

    public Cards.Layouts.CardLayout Layout => Model.Layouts[0];

    public CreditUnit Unit => Model.CreditUnit;

    public MeterSnapshot State => Meter.Snapshot();

    public byte[] Image(CardRecord record)
    {
        Layout.Encode(record, Some.Keys, out var image).ThrowIfRefused();
        return image;
    }

    public CardRecord Decode(byte[] image) => Layout.Decode(image, Some.Keys).GetRecordOrThrow();

    public CardRecord UserCard(uint count, long hundredths, CustomerNumber? customer = null) => new()
    {
        Kind = CardKind.User,
        Layout = Layout.Id,
        CreditUnit = Unit,
        SupplyGroup = Group,
        MeterNumber = Number,
        CustomerNumber = customer ?? Customer,
        CardSerial = CardSerial.From(20260001),
        PurchaseCount = PurchaseCount.From(count),
        Purchase = new(Unit, hundredths),
    };

    public CardRecord ToolCard(CardKind kind, MeterNumber? meter = null) => new()
    {
        Kind = kind,
        Layout = Layout.Id,
        CreditUnit = Unit,
        SupplyGroup = Group,
        MeterNumber = meter ?? default,
        CardSerial = CardSerial.From(90000001),
        Parameters = kind == CardKind.Set ? Model.Defaults : null,
        CustomerNumber = kind == CardKind.MeterChange ? Customer : default,
    };

    public CardOutcome Insert(CardRecord record) => Insert(Image(record));

    public CardOutcome Insert(byte[] image) => Meter.InsertCard(image);

    /// <summary>A configured meter with one purchase loaded.</summary>
    public MeterHarness Configured()
    {
        Insert(ToolCard(CardKind.Set)).Accepted.ShouldBeTrue();
        return this;
    }

    public void Run(TimeSpan duration, int watts) => Meter.Advance(duration, LoadProfile.Constant(watts));
}
