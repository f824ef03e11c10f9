using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Layouts;

/// <summary>The creditUnit byte: 0 energy, 1 money, 2 volume (issue 25); anything else is no unit at all.</summary>
public sealed class CardLayoutCreditUnitTests
{
    private static readonly CardLayout Reference = CardLayouts.ReferenceV1;
    private static readonly CardLayout Legacy = CardLayouts.LegacyBcdV1;

    [Fact]
    public void EncodeThenDecode_VolumeUserCard_IsTheSameCardWithByte2()
    {
        foreach (var (layout, keys, unitByte) in new[] { (Reference, Some.Keys, 36), (Legacy, null, 34) })
        {
            var card = VolumeCard(layout.Id);
            layout.Encode(card, keys, out var image).ThrowIfRefused();

            image[unitByte].ShouldBe((byte)2);
            layout.Decode(image, keys).Record.ShouldBe(card);
        }
    }

    [Fact]
    public void Decode_UnitByte3_IsRefusedNamingTheByteAndTheThreeUnits()
    {
        Legacy.Encode(Some.UserCard("legacy-bcd-v1"), null, out var image).ThrowIfRefused();
        image[34] = 3; // creditUnit
        Legacy.Seal(image, null);

        var fault = Legacy.Decode(image).Fault.ShouldNotBeNull();

        fault.Kind.ShouldBe(CardFaultKind.FieldOutOfRange);
        fault.Field.ShouldBe("creditUnit");
        fault.Detail.ShouldBe("'creditUnit' is 3; it must be 0 (energy), 1 (money) or 2 (volume)");
    }

    [Fact]
    public void Encode_UnitThatIsNoUnit_IsRefusedAndTheImageIsUntouched()
    {
        var image = Reference.NewImage();
        var before = (byte[])image.Clone();
        var card = Some.UserCard("pm-ref-v1") with { CreditUnit = (CreditUnit)3, Purchase = new((CreditUnit)3, 100) };

        var problem = Reference.Encode(card, Some.Keys, image).Problem.ShouldNotBeNull();

        problem.Field.ShouldBe("creditUnit");
        problem.Detail.ShouldContain("is 3");
        image.ShouldBe(before);
    }

    internal static CardRecord VolumeCard(string layout) => Some.UserCard(layout) with
    {
        CreditUnit = CreditUnit.Volume,
        Purchase = CreditAmount.Of(Volume.FromCubicMetres(12.34m)),
    };
}
