using System.Diagnostics;

namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// Two pseudo-terminals joined by socat, so System.IO.Ports opens each end by path exactly as it opens
/// an RS-485 adapter: the meter device opens one end, the master (a test, the lab's stack target) the
/// other. socat comes with tools/test.sh (apt-get install socat); without it this says so.
/// </summary>
public sealed class SocatPair : IDisposable
{
    private readonly string _folder;
    private readonly Process _socat;

    /// <exception cref="InvalidOperationException">socat is missing or made no pseudo-terminals.</exception>
    public SocatPair()
    {
        _folder = Path.Combine(Path.GetTempPath(), "prepaid-socat-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        MeterEnd = Path.Combine(_folder, "ttyMeter");
        MasterEnd = Path.Combine(_folder, "ttyMaster");
        var start = new ProcessStartInfo("socat")
        {
            ArgumentList = { $"pty,raw,echo=0,link={MeterEnd}", $"pty,raw,echo=0,link={MasterEnd}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        try
        {
            _socat = Process.Start(start) ?? throw new InvalidOperationException("socat did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("socat is not installed; tools/test.sh installs it (apt-get install socat)", e);
        }

        // Bounded wait for socat to make both links.
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(MeterEnd) && File.Exists(MasterEnd)))
        {
            if (_socat.HasExited || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"socat made no pseudo-terminals: {_socat.StandardError.ReadToEnd()}");
            }

            Thread.Sleep(10);
        }
    }

    public string MeterEnd { get; }

    public string MasterEnd { get; }

    public void Dispose()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill(entireProcessTree: true);
            _socat.WaitForExit(5000);
        }

        _socat.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A link socat has not let go of yet; the temporary folder is the OS's to clean.
        }
    }
}
