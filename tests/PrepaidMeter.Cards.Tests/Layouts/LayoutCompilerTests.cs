using System.Text.Json.Nodes;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Layouts;

public sealed class LayoutCompilerTests
{
    private static JsonObject Reference() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("layouts", "pm-ref-v1.json")))!.AsObject();

    private static IReadOnlyList<string> Errors(JsonObject descriptor)
    {
        var result = LayoutCompiler.Load(descriptor.ToJsonString(), "test.json");
        result.Success.ShouldBeFalse();
        result.Errors.ShouldAllBe(e => e.StartsWith("test.json: ", StringComparison.Ordinal));
        return result.Errors;
    }

    private static JsonObject Field(JsonObject descriptor, string name) =>
        descriptor["fields"]!.AsArray().Select(f => f!.AsObject()).First(f => (string?)f["name"] == name);

    [Fact]
    public void ShippedLayouts_AllCompile()
    {
        CardLayouts.All.Select(l => l.Id).ShouldBe(["legacy-bcd-v1", "pm-ref-v1"]);
        CardLayouts.ReferenceV1.HasMac.ShouldBeTrue();
        CardLayouts.LegacyBcdV1.HasMac.ShouldBeFalse();
        CardLayouts.ReferenceV1.Size.ShouldBe(256);
    }

    [Fact]
    public void OverlappingFields_AreRefused_NamingBoth()
    {
        var descriptor = Reference();
        Field(descriptor, "cardSerial")["offset"] = 50;
        Errors(descriptor).ShouldContain(e => e.Contains("field 'cardSerial' at 50 overlaps field 'customerNumber' at 46..51"));
    }

    [Fact]
    public void FieldPastTheEnd_IsRefused()
    {
        var descriptor = Reference();
        Field(descriptor, "returnWrite.time")["offset"] = 254;
        Errors(descriptor).ShouldContain(e => e.Contains("field 'returnWrite.time' at 254..257 lies outside the data area 32..255"));
    }

    [Fact]
    public void ChecksumCoveringItself_IsRefused()
    {
        var descriptor = Reference();
        descriptor["checksums"]![0]!["covers"]![0]!["length"] = 218;
        Errors(descriptor).ShouldContain(e => e.Contains("checksum 'data-crc' covers its own bytes"));
    }

    [Fact]
    public void MacCoveringAChecksum_IsRefused()
    {
        var descriptor = Reference();
        descriptor["checksums"]![0]!["offset"] = 200;
        descriptor["checksums"]![0]!["covers"]![0]!["length"] = 100;
        Errors(descriptor).ShouldContain(e => e.Contains("mac covers checksum 'data-crc'"));
    }

    [Fact]
    public void UnknownEncoding_IsRefused_ListingTheKnownOnes()
    {
        var descriptor = Reference();
        Field(descriptor, "purchaseAmount")["encoding"] = "float32";
        Errors(descriptor).ShouldContain(e => e.Contains("field 'purchaseAmount' has unknown encoding 'float32'") && e.Contains("bcd-signed"));
    }

    [Fact]
    public void UnknownField_IsRefused()
    {
        var descriptor = Reference();
        Field(descriptor, "price")["name"] = "tariffIndex";
        Errors(descriptor).ShouldContain(e => e.Contains("field 'tariffIndex' is not a card field"));
    }

    [Fact]
    public void MissingRequiredField_IsRefused_NamingTheKindsThatNeedIt()
    {
        var descriptor = Reference();
        descriptor["fields"]!.AsArray().Remove(Field(descriptor, "purchaseCount"));
        Errors(descriptor).ShouldContain(e => e.Contains("field 'purchaseCount' is required by the kinds user"));
    }

    [Fact]
    public void UnknownProperty_IsRefused()
    {
        var descriptor = Reference();
        descriptor["encryption"] = "des";
        Errors(descriptor).ShouldContain(e => e.Contains("encryption"));
    }

    [Fact]
    public void TwoKindsWithOneCode_AreRefused()
    {
        var descriptor = Reference();
        descriptor["kinds"]!["zero"] = 3;
        Errors(descriptor).ShouldContain(e => e.Contains("kinds 'clear' and 'zero' share the code 3"));
    }

    [Fact]
    public void ScaleOnANonAmount_AndEncodingTooLong_AreRefused()
    {
        var descriptor = Reference();
        Field(descriptor, "cardSerial")["scale"] = 2;
        Field(descriptor, "purchaseAmount")["encoding"] = "raw";
        var errors = Errors(descriptor);
        errors.ShouldContain(e => e.Contains("field 'cardSerial' is not an amount or a price and takes no scale"));
        errors.ShouldContain(e => e.Contains("field 'purchaseAmount' cannot use encoding 'raw'"));
    }

    [Fact]
    public void NotJson_IsRefusedWithTheParserMessage() =>
        LayoutCompiler.Load("{ not json", "broken.json").Errors.Single().ShouldStartWith("broken.json: not a layout descriptor");

    [Fact]
    public void Resolve_UnknownIdAndNoFile_ListsTheShippedLayouts() =>
        CardLayouts.Resolve("pm-ref-v9").Errors.Single().ShouldContain("legacy-bcd-v1, pm-ref-v1");

    [Fact]
    public void Resolve_AFolder_SaysItIsAFolderNotAFile()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("layouts"));
        CardLayouts.Resolve(folder.File("layouts")).Errors.Single().ShouldBe($"{folder.File("layouts")}: {folder.File("layouts")} is a folder, not a file");
    }

    [Fact]
    public void Resolve_APath_LoadsAVendorDescriptor()
    {
        using var folder = new TempFolder();
        var descriptor = Reference();
        descriptor["id"] = "vendor-x-v2";
        File.WriteAllText(folder.File("vendor.json"), descriptor.ToJsonString());
        CardLayouts.Resolve(folder.File("vendor.json")).Layout.ShouldNotBeNull().Id.ShouldBe("vendor-x-v2");
    }
}
