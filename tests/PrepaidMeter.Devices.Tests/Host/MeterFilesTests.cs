using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Core;
using PrepaidMeter.Devices.Host;
using PrepaidMeter.Devices.Link;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Devices.Tests.Host;

public sealed class MeterFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TryLoad_OfWhatSaveWrote_IsTheSameMeter()
    {
        var meter = DeviceMeters.Fresh();
        var path = _folder.File("m.nvram");

        MeterFiles.Save(path, meter);

        MeterFiles.TryLoad(path, out var loaded).ShouldBeNull();
        loaded.ShouldNotBeNull().SaveNvram().ShouldBe(meter.SaveNvram());
        File.Exists(path + ".tmp").ShouldBeFalse();
    }

    [Fact]
    public void TryLoad_MeterOfAModelFile_AfterTheModelsFilesAreDeleted_AnswersOnTheLink()
    {
        var model = MeterModels.Resolve(VendorModelFiles.Write(_folder.Path)).GetModelOrThrow();
        var path = _folder.File("m.nvram");
        MeterFiles.Save(path, VirtualMeter.Create(model, DeviceMeters.Number, SupplyGroupCode.From(100001), Some.Keys, new FakeTimeProvider(Some.Moment)));
        Directory.Delete(Path.Combine(_folder.Path, "vendor"), recursive: true);

        MeterFiles.TryLoad(path, out var loaded).ShouldBeNull();

        loaded.ShouldNotBeNull().Snapshot().ModelSha256.ShouldBe(model.Sha256);
        var link = new VirtualMeterOnTheLink(loaded, Convert.FromHexString(VirtualMeterOnTheLink.DefaultPassword));
        link.Read(PrepaidItems.RemainingEnergy.Id).Errors.ShouldBe(Dlt645Errors.None);
    }

    [Fact]
    public void TryLoad_NoFile_SaysHowToMakeOne()
    {
        var path = _folder.File("none.nvram");

        MeterFiles.TryLoad(path, out var meter).ShouldBe($"no meter file '{path}' (create one with `prepaid meter new`)");
        meter.ShouldBeNull();
    }

    [Fact]
    public void TrySave_SomethingInTheWay_SaysWhy_AndLeavesTheOldFile()
    {
        var meter = DeviceMeters.Fresh();
        var path = _folder.File("m.nvram");
        File.WriteAllBytes(path, [1, 2, 3]);
        Directory.CreateDirectory(path + ".tmp");

        MeterFiles.TrySave(path, meter).ShouldNotBeNull();

        File.ReadAllBytes(path).ShouldBe([1, 2, 3]);
    }
}
