using System.Text.Json.Nodes;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Layouts;

/// <summary>
/// A CPU-card layout with a file map (issue 23): fields placed in files by name, the files end to end making the
/// image, each file's update condition kept by the card; a map that does not fit is refused with one error.
/// </summary>
public sealed class CpuFileMapLayoutTests
{
    private static readonly string FixturePath = RepoPaths.Fixtures("vendor-layouts", "acme-cpu.json");

    private static CardLayout Layout() => CardLayouts.Resolve(FixturePath).GetLayoutOrThrow();

    private static JsonObject Descriptor() => JsonNode.Parse(File.ReadAllText(FixturePath))!.AsObject();

    private static LayoutLoadResult Load(JsonObject descriptor) => LayoutCompiler.Load(descriptor.ToJsonString(), "acme-cpu.json");

    private static JsonArray Files(JsonObject descriptor) => descriptor["medium"]!["files"]!.AsArray();

    [Fact]
    public void Layout_TheFilesEndToEnd_AreTheImage()
    {
        var layout = Layout();

        layout.Medium.IsCpu.ShouldBeTrue();
        layout.Size.ShouldBe(128);
        layout.Medium.Files.Select(f => (f.Id, f.Name, f.Start, f.Size, f.Update)).ShouldBe(
        [
            ((ushort)0x0005, "issuer", 0, 8, CpuAccess.Never),
            ((ushort)0x0015, "parameters", 8, 56, CpuAccess.Key),
            ((ushort)0x0016, "purchase", 64, 32, CpuAccess.Key),
            ((ushort)0x0017, "returnWrite", 96, 32, CpuAccess.Free),
        ]);
    }

    [Fact]
    public void Field_PlacedInAFile_SitsAtTheFilesStartPlusItsOffset()
    {
        var layout = Layout();
        layout.Encode(Some.UserCard(layout.Id, purchaseCount: 7, kwh: 50m) with { ReturnWrite = Some.ReturnWrite() }, Some.Keys, out var image).ThrowIfRefused();

        image[8..10].ShouldBe(new byte[] { 0xAC, 0x5C }, "the tag at byte 0 of the parameter file");
        image[64..68].ShouldBe(new byte[] { 0, 0, 0, 7 }, "the purchase count at byte 0 of the purchase file");
        image[96].ShouldBe((byte)1, "return-write present at byte 0 of the return-write file");
        image[63].ShouldBe((byte)(image[8..63].Aggregate(0, (sum, b) => sum + b) % 256), "the parameter file's sum8 over its first 55 bytes");
    }

    [Fact]
    public async Task UserCard_WrittenThroughAReaderAndReadBack_DecodesToTheSameRecord()
    {
        var layout = Layout();
        var record = Some.UserCard(layout.Id) with { ReturnWrite = Some.ReturnWrite() };
        layout.Encode(record, Some.Keys, out var image).ThrowIfRefused();
        var reader = new InMemoryCardReader();
        reader.Insert(layout.NewBlankCard(Some.Keys.Psc.Span));

        var written = await CardImageIo.WriteChangedAsync(reader, layout.NewImage(), image, Some.Keys.Psc, CancellationToken.None);
        var (_, back) = await layout.ReadImageAsync(reader, CancellationToken.None);

        written.Success.ShouldBeTrue(written.ToString());
        layout.Decode(back, Some.Keys).GetRecordOrThrow().ShouldBe(record);
    }

    [Fact]
    public void Card_TheReturnWriteFile_IsUpdatedWithoutTheKey_TheOthersAreNot()
    {
        var card = Layout().NewBlankCard(Some.Keys.Psc.Span);

        card.Write(96, [0x01]).Success.ShouldBeTrue();
        card.Write(64, [0x01]).Status.ShouldBe(CardIoStatus.Locked);
        card.Write(0, [0x01]).Status.ShouldBe(CardIoStatus.WriteProtected);
        card.Authenticate(proven: true).Status.ShouldBe(PscStatus.Accepted);
        card.Write(64, [0x01]).Success.ShouldBeTrue();
        card.Write(0, [0x01]).Detail.ShouldBe("file 0005 (issuer) is never updated");
    }

    [Fact]
    public void Card_ThreeFailedAuthentications_BlockTheKey()
    {
        var card = Layout().NewBlankCard(Some.Keys.Psc.Span);

        card.Authenticate(proven: false);
        card.Authenticate(proven: false);
        card.Authenticate(proven: false).Status.ShouldBe(PscStatus.Locked);
        card.Authenticate(proven: true).Status.ShouldBe(PscStatus.Locked);
        card.Write(64, [0x01]).Detail!.ShouldContain("blocked");
    }

    [Fact]
    public void FieldInAFileTheMapDoesNotList_IsRefused_NamingTheFiles()
    {
        var descriptor = Descriptor();
        descriptor["fields"]![1]!["file"] = "wallet";

        Load(descriptor).Errors.ShouldHaveSingleItem()
            .ShouldBe("acme-cpu.json: field 'kind' is placed in file 'wallet', which the medium does not list; the files are issuer, parameters, purchase, returnWrite");
    }

    [Fact]
    public void FieldPastItsFilesEnd_IsRefused()
    {
        var descriptor = Descriptor();
        descriptor["fields"]![12]!["offset"] = 30;

        Load(descriptor).Errors.ShouldContain("acme-cpu.json: field 'purchaseCount' at 30..33 of file 'purchase' lies past its 32 bytes");
    }

    [Fact]
    public void FieldAcrossTwoFiles_ByImageOffset_IsRefused()
    {
        var descriptor = Descriptor();
        var field = descriptor["fields"]![12]!.AsObject();
        field.Remove("file");
        field["offset"] = 62;

        Load(descriptor).Errors.ShouldContain(e => e.Contains("field 'purchaseCount' at 62..65 runs from file 0015 (parameters) into 0016 (purchase); a value lives in one file", StringComparison.Ordinal));
    }

    [Fact]
    public void DataAreaOverANeverUpdatedFile_IsRefusedOnce()
    {
        var descriptor = Descriptor();
        descriptor.Remove("dataArea");

        Load(descriptor).Errors.ShouldHaveSingleItem().ShouldContain("takes in file 0005 (issuer), whose update condition is 'never'");
    }

    [Theory]
    [InlineData("id", "15", "id '15' must be four hex digits")]
    [InlineData("update", "sometimes", "update 'sometimes' must be key, free or never")]
    [InlineData("name", "purchase", "repeats the id or name of file 0016 (purchase)")]
    public void BadFileMap_IsRefusedOnce(string member, string value, string expected)
    {
        var descriptor = Descriptor();
        Files(descriptor)[3]![member] = value;

        Load(descriptor).Errors.ShouldHaveSingleItem().ShouldContain(expected);
    }

    [Fact]
    public void SizeOtherThanTheFilesTotal_IsRefusedOnce()
    {
        var descriptor = Descriptor();
        descriptor["size"] = 256;

        Load(descriptor).Errors.ShouldHaveSingleItem().ShouldContain("size 256 is not the 128 bytes of the medium's files together");
    }

    [Fact]
    public void FileOnAMemoryCardLayout_IsRefusedOnce()
    {
        var descriptor = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("vendor-layouts", "acme-le128.json")))!.AsObject();
        descriptor["fields"]![0]!["file"] = "parameters";

        Load(descriptor).Errors.ShouldHaveSingleItem().ShouldContain("'file: parameters' places bytes in a CPU card's file, but the medium lists no files");
    }

    [Fact]
    public void CpuWithoutAFileMap_IsTheOne256ByteImageFile_WithItsHeaderProtected()
    {
        var descriptor = JsonNode.Parse(CardLayouts.ReferenceV1.SourceText)!.AsObject();
        descriptor["medium"] = new JsonObject { ["type"] = "cpu" };

        var layout = Load(descriptor).GetLayoutOrThrow();

        layout.Medium.ShouldBe(CardMedium.CpuImage);
        layout.NewBlankCard(Some.Keys.Psc.Span).IsProtected(31).ShouldBeTrue();
    }

    [Fact]
    public void CardFile_OfACpuCard_KeepsItsFileMap()
    {
        using var folder = new TempFolder();
        var card = Layout().NewBlankCard(Some.Keys.Psc.Span);
        var path = Path.Combine(folder.Path, "c.hex");

        FolderCardReader.Save(path, card);
        FolderCardReader.TryLoad(path, out var back).ShouldBeNull();

        back!.Medium.ShouldBe(card.Medium);
        back.Memory.ToArray().ShouldBe(card.Memory.ToArray());
        File.ReadAllText(path).ShouldContain("# files: 0005:issuer:8:never 0015:parameters:56:key 0016:purchase:32:key 0017:returnWrite:32:free");
    }
}
