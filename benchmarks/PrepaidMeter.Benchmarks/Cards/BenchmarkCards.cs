using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Benchmarks.Cards;

/// <summary>A swiped user card (the fullest record a meter reads) and its image, per layout.</summary>
internal static class BenchmarkCards
{
    public static SupplyGroupKeys Keys => Some.Keys;

    public static CardRecord SwipedUserCard(CardLayout layout) => Some.UserCard(layout.Id, purchaseCount: 3) with
    {
        Price = layout.CarriesPrice ? Core.Pricing.UnitPrice.FromUnits(0.5283m) : null,
        ReturnWrite = Some.ReturnWrite(loaded: 3),
    };

    public static byte[] Image(CardLayout layout)
    {
        layout.Encode(SwipedUserCard(layout), Keys, out var image).ThrowIfRefused();
        return image;
    }
}
