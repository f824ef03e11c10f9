using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Layouts;

/// <summary>DESIGN.md §8 invariant 3, on every shipped layout and every kind it carries.</summary>
public sealed class CardLayoutProperties
{
    public static TheoryData<string> LayoutIds => [.. CardLayouts.All.Select(l => l.Id)];

    [Theory]
    [MemberData(nameof(LayoutIds))]
    public void EncodeThenDecode_IsTheIdentity_ForEveryKind(string id)
    {
        var layout = CardLayouts.Get(id);
        Prop.ForAll(CardGens.Record(layout).ToArbitrary(), record =>
        {
            var encoded = layout.Encode(record, Some.Keys, out var image);
            encoded.Success.ShouldBeTrue(encoded.Problem?.ToString());
            var decoded = layout.Decode(image, Some.Keys);
            decoded.Fault.ShouldBeNull();
            decoded.Record.ShouldBe(record);
        }).QuickCheckThrowOnFailure(2000);
    }

    [Theory]
    [MemberData(nameof(LayoutIds))]
    public void AnySingleChangedByte_InAProtectedRange_IsDetected(string id)
    {
        var layout = CardLayouts.Get(id);
        var protectedBytes = layout.ProtectedRanges.SelectMany(r => Enumerable.Range(r.Offset, r.Length)).Distinct().ToArray();
        var nonBlank = CardGens.Record(layout).Where(r => r.Kind != CardKind.Blank);
        var change = Gen.Elements(protectedBytes).Zip(Gen.Choose(1, 255));
        Prop.ForAll(nonBlank.ToArbitrary(), change.ToArbitrary(), (record, edit) =>
        {
            layout.Encode(record, Some.Keys, out var image).ThrowIfRefused();
            image[edit.Item1] ^= (byte)edit.Item2;
            var decoded = layout.Decode(image, Some.Keys);
            decoded.Success.ShouldBeFalse($"byte {edit.Item1} xor {edit.Item2} went unnoticed");
        }).QuickCheckThrowOnFailure(3000);
    }

    [Theory]
    [MemberData(nameof(LayoutIds))]
    public void RandomBytes_NeverMakeDecodeThrow(string id)
    {
        var layout = CardLayouts.Get(id);
        var sizes = Gen.Frequency((4, Gen.Constant(layout.Size)), (1, Gen.Choose(0, layout.Size * 2)));
        var images = sizes.SelectMany(size => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), size));
        Prop.ForAll(images.ToArbitrary(), image =>
        {
            var decoded = layout.Decode(image, Some.Keys);
            (decoded.Success || decoded.Fault is not null).ShouldBeTrue();
        }).QuickCheckThrowOnFailure(3000);
    }

    [Theory]
    [MemberData(nameof(LayoutIds))]
    public void ValidImagesWithAnyByteChanged_NeverMakeDecodeThrow(string id)
    {
        // Random bytes rarely get past the tag and checksum; this walks every field's decoder too,
        // by re-sealing the image after the change so decoding reaches the fields.
        var layout = CardLayouts.Get(id);
        var change = Gen.Choose(layout.DataArea.Offset, layout.DataArea.End - 1).Zip(Gen.Choose(0, 255));
        Prop.ForAll(CardGens.Record(layout).ToArbitrary(), change.ToArbitrary(), (record, edit) =>
        {
            layout.Encode(record, Some.Keys, out var image).ThrowIfRefused();
            image[edit.Item1] = (byte)edit.Item2;
            layout.Seal(image, Some.Keys);
            Should.NotThrow(() => layout.Decode(image, Some.Keys));
            Should.NotThrow(() => layout.Decode(image));
        }).QuickCheckThrowOnFailure(2000);
    }

    [Theory]
    [MemberData(nameof(LayoutIds))]
    public void WriteReturnWrite_GivesTheBytesOfEncodingTheRecordWithTheBlock(string id)
    {
        // What a meter writes onto a card it has read must be what the codec would write for the same record.
        var layout = CardLayouts.Get(id);
        Prop.ForAll(CardGens.ReturnWriteCase(layout).ToArbitrary(), c =>
        {
            var (record, block) = c;
            layout.Encode(record, Some.Keys, out var image).ThrowIfRefused();
            var sameImage = (byte[])image.Clone();
            layout.WriteReturnWrite(image, record.Kind, record.CreditUnit, block, Some.Keys).ThrowIfRefused();
            layout.Encode(record with { ReturnWrite = block }, Some.Keys, out var expected).ThrowIfRefused();
            image.ShouldBe(expected);

            // As a meter does it: the MAC's prefix kept by the decode, and the write-back started from it.
            var prefix = new MacPrefix();
            layout.Decode(sameImage, Some.Keys, prefix).Fault.ShouldBeNull();
            layout.WriteReturnWrite(sameImage, record.Kind, record.CreditUnit, block, Some.Keys, prefix).ThrowIfRefused();
            sameImage.ShouldBe(expected);
        }).QuickCheckThrowOnFailure(1000);
    }

    [Theory]
    [MemberData(nameof(LayoutIds))]
    public void WriteReturnWrite_MacPrefixOfAnotherCard_IsNotUsed(string id)
    {
        // A prefix kept for one card (or one key) must never seal another: the MAC is computed in full instead.
        var layout = CardLayouts.Get(id);
        var kinds = Enum.GetValues<CardKind>().Where(k => layout.Supports(k) && CardContents.Of(k).HasFlag(CardContent.ReturnWrite)).ToArray();
        var cases = Gen.Elements(kinds).SelectMany(kind => CardGens.Record(layout, kind).Zip(CardGens.Record(layout, kind)));
        Prop.ForAll(cases.ToArbitrary(), pair =>
        {
            var (record, other) = pair;
            var block = Some.ReturnWrite() with { Remaining = new(record.CreditUnit, 100) };
            layout.Encode(other, Some.Keys, out var otherImage).ThrowIfRefused();
            var prefix = new MacPrefix();
            layout.Decode(otherImage, Some.Keys, prefix);
            layout.Encode(record, Some.Keys, out var image).ThrowIfRefused();
            layout.WriteReturnWrite(image, record.Kind, record.CreditUnit, block, Some.Keys, prefix).ThrowIfRefused();
            layout.Encode(record with { ReturnWrite = block }, Some.Keys, out var expected).ThrowIfRefused();
            image.ShouldBe(expected);
            layout.Decode(image, Some.Keys).Fault.ShouldBeNull();
        }).QuickCheckThrowOnFailure(500);
    }

    [Theory]
    [MemberData(nameof(LayoutIds))]
    public void WriteReturnWrite_ValueTheFieldCannotHold_IsRefusedAndTheImageIsUntouched(string id)
    {
        var layout = CardLayouts.Get(id);
        var record = Some.UserCard(id);
        layout.Encode(record, Some.Keys, out var image).ThrowIfRefused();
        var before = (byte[])image.Clone();
        var (max, step, _) = layout.CapacityOf(CardField.ReturnWriteRemaining)!.Value;
        var tooMuch = Some.ReturnWrite() with { Remaining = new(record.CreditUnit, max + step) };

        var result = layout.WriteReturnWrite(image, record.Kind, record.CreditUnit, tooMuch, Some.Keys);

        result.Success.ShouldBeFalse();
        result.Problem.Field.ShouldBe("returnWrite.remaining");
        image.ShouldBe(before);
    }
}
