using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;

namespace PrepaidMeter.Benchmarks.Cards;

/// <summary>A swiped user card (the fullest record a meter reads) and its image, per layout.</summary>
internal static class BenchmarkCards
{
    public static readonly SupplyGroupKeys Keys = SupplyGroupKeys.Derive(Convert.FromHexString("5052455041494430"));

    public static CardRecord SwipedUserCard(CardLayout layout) => new()
    {
        Kind = CardKind.User,
        Layout = layout.Id,
        CreditUnit = CreditUnit.Energy,
        SupplyGroup = SupplyGroupCode.From(100001),
        MeterNumber = MeterNumber.From(12345678),
        CustomerNumber = CustomerNumber.From(1001),
        CardSerial = CardSerial.From(20260001),
        PurchaseCount = PurchaseCount.From(3),
        PurchaseHundredths = 5000,
        Price = layout.CarriesPrice ? Core.Pricing.UnitPrice.FromUnits(0.5283m) : null,
        ReturnWrite = new ReturnWriteBlock(MeterNumber.From(12345678), PurchaseCount.From(3), new(CreditUnit.Energy, 6250),
            Energy.FromKilowattHours(1234.56m), ReturnWriteStatus.PurchaseLoaded, new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero)),
    };

    public static byte[] Image(CardLayout layout)
    {
        layout.Encode(SwipedUserCard(layout), Keys, out var image).ThrowIfRefused();
        return image;
    }
}
