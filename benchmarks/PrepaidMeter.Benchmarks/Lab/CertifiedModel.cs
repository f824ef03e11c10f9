using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Benchmarks.Lab;

/// <summary>
/// A model <see cref="CertificationBenchmarks"/> certifies, with the image offset of its layout's first return-write
/// field (the bare cycle changes <see cref="CertificationBenchmarks.ChangedBytes"/> bytes from there). A shipped model
/// loads by id; a vendor's model is written as files in a temporary folder, away from fixtures/ — the reference
/// energy meter's parameters naming a layout of fixtures/vendor-layouts by a relative path — and loaded by path, as
/// `prepaid certify --model FILE` loads it.
/// </summary>
public sealed record CertifiedModel(string Name, Func<MeterModel> Load, int ReturnWriteAt)
{
    public static CertifiedModel Shipped(string id, int returnWriteAt) => new(id, () => MeterModels.Get(id), returnWriteAt);

    public static CertifiedModel OnVendorLayout(string id, string vendorLayoutFile, int returnWriteAt) =>
        new(id, () => LoadVendorModel(id, vendorLayoutFile), returnWriteAt);

    // BenchmarkDotNet's Model column.
    public override string ToString() => Name;

    private static MeterModel LoadVendorModel(string id, string vendorLayoutFile)
    {
        // The loaded model holds its layouts' texts; a meter's NVRAM carries the whole model, so the files can go.
        var folder = Directory.CreateTempSubdirectory("pm-bench-vendor-");
        try
        {
            return MeterModels.Resolve(VendorModelFiles.WriteOnVendorLayout(folder.FullName, id, vendorLayoutFile)).GetModelOrThrow();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
