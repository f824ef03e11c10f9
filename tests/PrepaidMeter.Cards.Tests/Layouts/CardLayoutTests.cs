using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Layouts;

public sealed class CardLayoutTests
{
    private static readonly CardLayout Reference = CardLayouts.ReferenceV1;
    private static readonly CardLayout Legacy = CardLayouts.LegacyBcdV1;

    [Fact]
    public void Decode_FactoryNewCard_IsBlank()
    {
        Reference.Decode(Reference.NewImage(), Some.Keys).Record.ShouldBe(CardRecord.Blank("pm-ref-v1"));
        Legacy.Decode(Legacy.NewImage()).Record.ShouldBe(CardRecord.Blank("legacy-bcd-v1"));
    }

    [Fact]
    public void Decode_BlankWithLeftoverBytes_IsCorruptBlank()
    {
        var image = Reference.NewImage();
        image[100] = 0x00;
        var fault = Reference.Decode(image, Some.Keys).Fault.ShouldNotBeNull();
        fault.Kind.ShouldBe(CardFaultKind.CorruptBlank);
        fault.Offset.ShouldBe(100);
    }

    [Fact]
    public void Decode_ShortImage_IsTruncatedWithBothLengths()
    {
        var fault = Reference.Decode(new byte[100], Some.Keys).Fault.ShouldNotBeNull();
        fault.Kind.ShouldBe(CardFaultKind.Truncated);
        fault.ToString().ShouldBe("truncated image: the image has 100 bytes; layout pm-ref-v1 takes 256");
    }

    [Fact]
    public void Decode_LongImage_IsTooLongNotTruncated()
    {
        var image = new byte[300];
        Reference.NewImage().CopyTo(image, 0);
        var fault = Reference.Decode(image, Some.Keys).Fault.ShouldNotBeNull();
        fault.Kind.ShouldBe(CardFaultKind.TooLong);
        fault.ToString().ShouldBe("image too long: the image has 300 bytes; layout pm-ref-v1 takes 256");
    }

    [Fact]
    public void Decode_LongImageWithMacPrefix_IsTooLong() =>
        Legacy.Decode(new byte[257], null, new PrepaidMeter.Cards.Integrity.MacPrefix()).Fault.ShouldNotBeNull().Kind.ShouldBe(CardFaultKind.TooLong);

    [Fact]
    public void Decode_CardOfTheOtherLayout_IsWrongLayout()
    {
        Legacy.Encode(Some.UserCard("legacy-bcd-v1"), null, out var image).ThrowIfRefused();
        var fault = Reference.Decode(image, Some.Keys).Fault.ShouldNotBeNull();
        fault.Kind.ShouldBe(CardFaultKind.WrongLayout);
        fault.Field.ShouldBe("layoutTag");
    }

    [Fact]
    public void Decode_WithoutKeys_OnAMacLayout_AsksForTheKey()
    {
        Reference.Encode(Some.UserCard("pm-ref-v1"), Some.Keys, out var image).ThrowIfRefused();
        Reference.Decode(image).Fault.ShouldNotBeNull().Kind.ShouldBe(CardFaultKind.KeyRequired);
    }

    [Fact]
    public void Decode_AnotherGroupsKey_IsMacError()
    {
        Reference.Encode(Some.UserCard("pm-ref-v1"), Some.Keys, out var image).ThrowIfRefused();
        Reference.Decode(image, Some.ForeignKeys).Fault.ShouldNotBeNull().Kind.ShouldBe(CardFaultKind.Mac);
    }

    [Fact]
    public void Decode_ForgedFieldWithRecomputedChecksum_IsStillMacError()
    {
        Reference.Encode(Some.UserCard("pm-ref-v1", kwh: 10m), Some.Keys, out var image).ThrowIfRefused();
        image[65] = 0xFF; // bump the purchase amount
        Reference.Seal(image, Some.ForeignKeys); // a forger can recompute the CRC but not our MAC
        Reference.Decode(image, Some.Keys).Fault.ShouldNotBeNull().Kind.ShouldBe(CardFaultKind.Mac);
    }

    [Fact]
    public void Decode_NonBcdByte_NamesTheField()
    {
        Legacy.Encode(Some.UserCard("legacy-bcd-v1"), null, out var image).ThrowIfRefused();
        image[38] = 0x0A; // inside meterNumber (38..43)
        Legacy.Seal(image, null);
        var fault = Legacy.Decode(image).Fault.ShouldNotBeNull();
        fault.Kind.ShouldBe(CardFaultKind.FieldOutOfRange);
        fault.Field.ShouldBe("meterNumber");
        fault.ToString().ShouldContain("not valid bcd");
    }

    [Fact]
    public void Decode_UnknownKindCode_IsWrongKind()
    {
        Legacy.Encode(Some.UserCard("legacy-bcd-v1"), null, out var image).ThrowIfRefused();
        image[33] = 0x42;
        Legacy.Decode(image).Fault.ShouldNotBeNull().Kind.ShouldBe(CardFaultKind.WrongKind);
    }

    [Fact]
    public void Encode_AmountTooLargeForTheLegacyField_IsRefused_AndTheImageIsUntouched()
    {
        var image = Legacy.NewImage();
        var before = (byte[])image.Clone();
        var result = Legacy.Encode(Some.UserCard("legacy-bcd-v1", kwh: 1_000_000m), null, image);
        result.Problem.ShouldNotBeNull().Field.ShouldBe("purchaseAmount");
        image.ShouldBe(before);
    }

    [Fact]
    public void Encode_HundredthsOnAWholeUnitField_IsRefused()
    {
        var set = new CardRecord
        {
            Kind = CardKind.Set,
            Layout = "legacy-bcd-v1",
            Parameters = new(new(CreditUnit.Energy, 1050), default, default, default, 0),
        };
        Legacy.Encode(set, null, out _).Problem.ShouldNotBeNull().Field.ShouldBe("parameters.alarm1");
    }

    [Fact]
    public void Encode_KeepsTheWriteProtectedPrefix()
    {
        var image = Reference.NewImage();
        image[0] = 0xA2; // an SLE4442 ATR byte
        Reference.Encode(Some.UserCard("pm-ref-v1"), Some.Keys, image).ThrowIfRefused();
        image[0].ShouldBe((byte)0xA2);
        image[1..32].ShouldAllBe(b => b == 0xFF);
    }

    [Fact]
    public void Encode_PriceOnALayoutWithout_IsRefused() =>
        Legacy.Encode(Some.UserCard("legacy-bcd-v1") with { Price = Core.Pricing.UnitPrice.FromUnits(0.5m) }, null, out _)
            .Problem.ShouldNotBeNull().Field.ShouldBe("price");

    [Fact]
    public void Encode_RecordOfAnotherLayout_IsRefused() =>
        Reference.Encode(Some.UserCard("legacy-bcd-v1"), Some.Keys, out _).Problem.ShouldNotBeNull().Field.ShouldBe("layout");

    [Fact]
    public void Encode_NegativeRemaining_UsesSignedBcdOnLegacy()
    {
        var card = Some.UserCard("legacy-bcd-v1") with { ReturnWrite = Some.ReturnWrite(remainingHundredths: -1234) };
        Legacy.Encode(card, null, out var image).ThrowIfRefused();
        image[83..87].ShouldBe(new byte[] { 0x80, 0x00, 0x12, 0x34 });
        Legacy.Decode(image).Record.ShouldNotBeNull().ReturnWrite!.Value.Remaining.Hundredths.ShouldBe(-1234);
    }

    [Fact]
    public void CapacityOf_ReportsRecordUnits()
    {
        Legacy.CapacityOf(CardField.Alarm1).ShouldBe((999_900L, 100L, false));
        Legacy.CapacityOf(CardField.ReturnWriteRemaining).ShouldBe((79_999_999L, 1L, true));
        Legacy.CapacityOf(CardField.Price).ShouldBeNull();
    }
}
