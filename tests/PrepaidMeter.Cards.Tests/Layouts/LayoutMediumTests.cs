using System.Text.Json.Nodes;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Layouts;

/// <summary>A layout says which card it lives on and where; one that does not fit its card is refused with one error.</summary>
public sealed class LayoutMediumTests
{
    private static JsonObject Vendor() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("vendor-layouts", "acme-le128.json")))!.AsObject();

    private static LayoutLoadResult Load(JsonObject descriptor, string type, int offset)
    {
        descriptor["medium"] = new JsonObject { ["type"] = type, ["offset"] = offset };
        return LayoutCompiler.Load(descriptor.ToJsonString(), "acme.json");
    }

    [Fact]
    public void ShippedLayouts_WithoutAMedium_AreSle4442AtByteZero()
    {
        foreach (var layout in CardLayouts.All)
        {
            (layout.Medium, layout.MediumOffset).ShouldBe((CardMedium.Sle4442, 0));
        }
    }

    [Fact]
    public void Layout128Bytes_AtOffsetZeroOnAnSle4442_IsRefusedOnce_NamingTheProtectedBytes()
    {
        var error = Load(Vendor(), "sle4442", 0).Errors.ShouldHaveSingleItem();

        error.ShouldBe("acme.json: the data area 0..127 is card bytes 0..127, but bytes 0..31 of an sle4442 are write-protected after issue; "
            + "place the image at offset 32 or more, or start the data area at byte 32 of the image");
    }

    [Fact]
    public void Layout128Bytes_AtOffsetZeroOnAnAt24c02_Loads()
    {
        var layout = Load(Vendor(), "at24c02", 0).GetLayoutOrThrow();

        (layout.Medium, layout.MediumOffset, layout.Size).ShouldBe((CardMedium.At24c02, 0, 128));
    }

    [Fact]
    public void Layout128Bytes_AtOffset32OnAnSle4442_Loads() =>
        Load(Vendor(), "sle4442", 32).GetLayoutOrThrow().MediumOffset.ShouldBe(32);

    [Fact]
    public void Layout_PastTheCardsEnd_IsRefusedOnce_NamingTheNumbers() =>
        Load(Vendor(), "at24c01", 1).Errors.ShouldHaveSingleItem()
            .ShouldBe("acme.json: the 128-byte image at offset 1 takes card bytes 1..128, beyond the at24c01's 128 bytes (0..127)");

    [Fact]
    public void Layout_OverAnSle4428sCounterAndPsc_IsRefusedOnce() =>
        Load(Vendor(), "sle4428", 896).Errors.ShouldHaveSingleItem()
            .ShouldContain("card bytes 896..1023, but bytes 1021..1023 of an sle4428 hold its error counter and PSC");

    [Fact]
    public void Layout_OnAnUnknownMedium_IsRefusedOnce_ListingTheMedia() =>
        Load(Vendor(), "at24c03", 0).Errors.ShouldHaveSingleItem()
            .ShouldContain("medium type 'at24c03' is unknown; the media are sle4442, sle4428, at24c01");

    [Fact]
    public void ReferenceLayout_WithItsDataAreaMovedOntoTheProtectedBytes_IsRefused()
    {
        var descriptor = JsonNode.Parse(CardLayouts.ReferenceV1.SourceText)!.AsObject();
        descriptor["dataArea"]!["offset"] = 16;
        descriptor["dataArea"]!["length"] = 240;

        LayoutCompiler.Load(descriptor.ToJsonString(), "ref.json").Errors.ShouldHaveSingleItem().ShouldContain("bytes 0..31 of an sle4442 are write-protected");
    }

    [Fact]
    public void ChecksumRangePastTheEnd_IsStillRefused()
    {
        var descriptor = Vendor();
        descriptor["checksums"]![1]!["covers"]![0]!["length"] = 130;

        LayoutCompiler.Load(descriptor.ToJsonString(), "acme.json").Errors.ShouldContain(e => e.Contains("covers 0..129, outside the data area 0..127"));
    }

    [Fact]
    public void NewBlankCard_IsACardOfTheLayoutsMedium_WithTheImageAtItsOffset()
    {
        var layout = Load(Vendor(), "sle4442", 32).GetLayoutOrThrow();

        var card = layout.NewBlankCard(Some.Keys.Psc.Span);

        card.Medium.ShouldBe(CardMedium.Sle4442);
        card.Psc.ToArray().ShouldBe(Some.Keys.Psc.ToArray());
        layout.ImageOn(card.Memory).ToArray().ShouldBe(layout.NewImage());
        layout.Decode(layout.ImageOn(card.Memory)).Record!.Kind.ShouldBe(PrepaidMeter.Cards.Records.CardKind.Blank);
    }
}
