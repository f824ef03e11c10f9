using System.Buffers.Binary;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests.State;

/// <summary>Rule N1: the NVRAM keeps the model the meter was made from, so the meter loads without the model's files.</summary>
public sealed class NvramModelTests : IDisposable
{
    // The model block starts after "PMNV" and the version; it opens with the model text's u32 length.
    private const int ModelBlock = 6;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static MeterModel? NoLookup(string id) => null;

    private MeterModel VendorModel() => MeterModels.Resolve(VendorModelFiles.Write(_folder.Path)).GetModelOrThrow();

    [Fact]
    public void TryLoad_MeterOfAVendorModelFile_LoadsTheSameMeterAfterTheFilesAreDeleted()
    {
        var model = VendorModel();
        var bench = new MeterHarness(model).Configured();
        bench.Insert(bench.UserCard(1, 5000));
        bench.Run(TimeSpan.FromHours(7), 1234);
        var image = bench.Meter.SaveNvram();
        Directory.Delete(Path.Combine(_folder.Path, "vendor"), recursive: true);

        VirtualMeter.TryLoad(image, NoLookup, out var loaded).ShouldBeNull();

        loaded!.Snapshot().ShouldBeEquivalentTo(bench.State);
        loaded.Model.Id.ShouldBe(VendorModelFiles.ModelId);
        loaded.Model.Sha256.ShouldBe(model.Sha256);
        loaded.Model.Layouts.Select(l => (l.Id, l.Sha256)).ShouldBe(model.Layouts.Select(l => (l.Id, l.Sha256)));
        loaded.SaveNvram().ShouldBe(image);
    }

    [Fact]
    public void TryLoad_MeterOfAVendorModelFile_TakesTheNextCardWithItsKeptLayout()
    {
        var bench = new MeterHarness(VendorModel()).Configured();
        var image = bench.Meter.SaveNvram();
        Directory.Delete(Path.Combine(_folder.Path, "vendor"), recursive: true);
        VirtualMeter.TryLoad(image, NoLookup, out var loaded).ShouldBeNull();

        var outcome = loaded!.InsertCard(bench.Image(bench.UserCard(1, 5000)));

        outcome.Result.ShouldBe(MeterResult.Loaded);
        loaded.Snapshot().CumulativeLoaded.Hundredths.ShouldBe(5000);
    }

    [Fact]
    public void Snapshot_CarriesTheModelsSha256()
    {
        var model = VendorModel();

        new MeterHarness(model).State.ModelSha256.ShouldBe(model.Sha256);
        new MeterHarness().State.ModelSha256.ShouldBe(MeterModels.ReferenceEnergy.Sha256);
    }

    [Fact]
    public void TryLoad_ShippedModel_IsTheShippedInstance_WithoutALookup()
    {
        VirtualMeter.TryLoad(new MeterHarness().Meter.SaveNvram(), NoLookup, out var loaded).ShouldBeNull();

        loaded!.Model.ShouldBeSameAs(MeterModels.ReferenceEnergy);
    }

    [Fact]
    public void TryLoad_Version1Image_LoadsTheShippedModelById_AndTheNextSaveIsVersion2()
    {
        var v1 = File.ReadAllBytes(RepoPaths.Fixtures("nvram", "pm-ref-energy-v1.nvram"));

        VirtualMeter.TryLoad(v1, id => MeterModels.Resolve(id).Model, out var loaded).ShouldBeNull();

        var state = loaded!.Snapshot();
        state.ModelId.ShouldBe("pm-ref-energy");
        state.MeterNumber.Value.ShouldBe(12345678ul);
        state.PurchaseCount.Value.ShouldBe(1u);
        state.Remaining.ToString().ShouldBe("51.37 kWh");
        state.CumulativeEnergy.ToString().ShouldBe("8.63 kWh");
        state.Clock.ShouldBe(new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeSpan.Zero));
        var v2 = loaded.SaveNvram();
        BinaryPrimitives.ReadUInt16LittleEndian(v2.AsSpan(4)).ShouldBe(Nvram.Version);
        VirtualMeter.TryLoad(v2, NoLookup, out var again).ShouldBeNull();
        again!.Snapshot().ShouldBeEquivalentTo(state);
    }

    [Fact]
    public void TryLoad_Version1ImageOfAnUnknownModel_IsRefusedNamingIt()
    {
        var v1 = File.ReadAllBytes(RepoPaths.Fixtures("nvram", "pm-ref-energy-v1.nvram"));

        VirtualMeter.TryLoad(v1, NoLookup, out var loaded).ShouldBe("the NVRAM names model 'pm-ref-energy', which is not known (the image does not keep it)");
        loaded.ShouldBeNull();
    }

    [Fact]
    public void TryLoad_ModelBuiltInCode_KeepsNoModel_AndIsLookedUpById()
    {
        var model = MeterModels.ReferenceEnergy with { SourceText = "", Alarm2Trips = false };
        var image = new MeterHarness(model).Meter.SaveNvram();

        BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(ModelBlock)).ShouldBe(0u);
        VirtualMeter.TryLoad(image, id => id == model.Id ? model : null, out var loaded).ShouldBeNull();
        loaded!.Model.ShouldBeSameAs(model);
        VirtualMeter.TryLoad(image, NoLookup, out _).ShouldNotBeNull().ShouldContain("not known");
    }

    [Fact]
    public void TryLoad_ModelTextThatDoesNotLoad_IsRefusedSayingWhy()
    {
        var image = new MeterHarness(VendorModel()).Meter.SaveNvram();
        image[ModelBlock + 4] = (byte)'['; // the model text's opening brace

        var error = VirtualMeter.TryLoad(Resealed(image), NoLookup, out var loaded);

        error.ShouldNotBeNull().ShouldStartWith("the NVRAM's model block does not load: the kept model: not a meter model");
        loaded.ShouldBeNull();
    }

    [Fact]
    public void TryLoad_ModelTextLongerThanTheImage_IsRefusedSayingWhy()
    {
        var image = new MeterHarness(VendorModel()).Meter.SaveNvram();
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(ModelBlock), uint.MaxValue);

        VirtualMeter.TryLoad(Resealed(image), NoLookup, out _)
            .ShouldBe($"the NVRAM's model block is damaged: the model text claims {uint.MaxValue} bytes, more than the image holds");
    }

    [Fact]
    public void TryLoad_LayoutCountUnlikeTheModels_IsRefusedSayingWhy()
    {
        var model = VendorModel();
        var image = new MeterHarness(model).Meter.SaveNvram();
        var count = ModelBlock + 4 + System.Text.Encoding.UTF8.GetByteCount(model.SourceText);
        BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(count)).ShouldBe((ushort)2);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(count), 1);

        var error = VirtualMeter.TryLoad(Resealed(image), NoLookup, out var loaded);

        error.ShouldNotBeNull().ShouldStartWith("the NVRAM's model block does not load");
        error.ShouldContain("keeps fewer layouts than the model names");
        loaded.ShouldBeNull();
    }

    [Fact]
    public void TryRead_KeptModelUnlikeTheRegistersModel_IsRefused()
    {
        var image = Nvram.Write(VendorModel(), new MeterRegisters { ModelId = "someone-else" });

        Nvram.TryRead(image, out var registers, out var model)
            .ShouldBe($"the NVRAM image is inconsistent: it keeps model '{VendorModelFiles.ModelId}' but its registers are for 'someone-else'");
        registers.ShouldBeNull();
        model.ShouldBeNull();
    }

    [Fact]
    public void TryRead_UnknownVersion_IsRefusedNamingTheVersionsItReads()
    {
        var image = new MeterHarness().Meter.SaveNvram();
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(4), 5);

        Nvram.TryRead(Resealed(image), out _, out _).ShouldBe("NVRAM version 5 is not one this build reads (it reads 1 to 4)");
    }

    // A damage the CRC-32 would catch first, sealed again so the reader meets the damage itself.
    private static byte[] Resealed(byte[] image)
    {
        var body = image.AsSpan(0, image.Length - 4);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(image.Length - 4), Checksums.Compute(ChecksumAlgorithm.Crc32, body));
        return image;
    }
}
