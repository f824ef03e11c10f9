using System.Diagnostics;

namespace PrepaidMeter.Testing;

/// <summary>
/// Two pseudo-terminals joined by socat, so System.IO.Ports opens each end by path exactly as it opens
/// an RS-485 adapter. socat comes with tools/test.sh; without it the tests say so and fail.
/// </summary>
public sealed class SocatPair : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Process _socat;

    public SocatPair()
    {
        MeterEnd = _folder.File("ttyMeter");
        MasterEnd = _folder.File("ttyMaster");
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
        _folder.Dispose();
    }
}
