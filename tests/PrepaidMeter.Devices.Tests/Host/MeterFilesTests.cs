using PrepaidMeter.Devices.Host;
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
