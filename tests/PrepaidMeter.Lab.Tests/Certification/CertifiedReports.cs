using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Lab.Tests.Certification;

/// <summary>
/// Two certifications on the virtual meter, written once for the report tests: pm-ref-energy (pm-ref-v1, a MAC)
/// and legacy-money (legacy-bcd-v1, sum-8 and no MAC).
/// </summary>
public sealed class CertifiedReports : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    public Written Mac { get; private set; } = null!;

    public Written NoMac { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Mac = await Written.CertifyAsync(MeterModels.ReferenceEnergy, Path.Combine(_folder.Path, "mac"));
        NoMac = await Written.CertifyAsync(MeterModels.LegacyMoney, Path.Combine(_folder.Path, "nomac"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();

    /// <summary>A certification and the folder its report was written to.</summary>
    public sealed record Written(CertificationResult Result, string Folder)
    {
        public string Html => System.IO.File.ReadAllText(Path.Combine(Folder, "report.html"));

        public string File(string name) => Path.Combine(Folder, name);

        public static async Task<Written> CertifyAsync(MeterModel model, string folder)
        {
            var result = await Certifier.RunAsync(model, () => new VirtualTarget(), TimeProvider.System);
            CertificationReport.Write(folder, result);
            return new(result, folder);
        }
    }
}
