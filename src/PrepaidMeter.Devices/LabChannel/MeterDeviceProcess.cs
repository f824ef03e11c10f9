using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace PrepaidMeter.Devices.LabChannel;

/// <summary>
/// The lab end of the lab channel: one `prepaid meter run --lab` process, commands in on its stdin, one JSON
/// object a line, and every line it prints queued until someone expects it. Its log (stderr) is drained and
/// the last lines kept, to say why when it fails. Every wait is bounded.
/// </summary>
public sealed partial class MeterDeviceProcess : IAsyncDisposable
{
    private const int LogLinesKept = 40;

    private readonly Process _process;
    private readonly Channel<JsonObject> _lines = Channel.CreateUnbounded<JsonObject>();
    private readonly Queue<string> _log = new();
    private readonly TimeSpan _timeout;
    private readonly Task _reading;
    private readonly Task _draining;

    private MeterDeviceProcess(Process process, TimeSpan timeout)
    {
        _process = process;
        _timeout = timeout;
        _reading = Task.Run(ReadOutputAsync);
        _draining = Task.Run(DrainLogAsync);
    }

    public static MeterDeviceProcess Start(IReadOnlyList<string> prepaid, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(prepaid[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in prepaid.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return new MeterDeviceProcess(Process.Start(start) ?? throw new MeterDeviceException($"'{prepaid[0]}' did not start"), timeout);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MeterDeviceException($"cannot start the meter device '{string.Join(' ', prepaid)}': {e.Message}", e);
        }
    }

    /// <summary>Sends <paramref name="command"/> and returns the answer line holding <paramref name="key"/>.</summary>
    public async Task<JsonNode> AskAsync(JsonObject command, string key, CancellationToken cancellationToken) =>
        (await AskLineAsync(command, key, cancellationToken))[key]!;

    /// <summary>Sends <paramref name="command"/> and returns its whole answer line, which holds <paramref name="key"/>.</summary>
    public async Task<JsonObject> AskLineAsync(JsonObject command, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await _process.StandardInput.WriteLineAsync(command.ToJsonString().AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        return await ExpectLineAsync(key, cancellationToken);
    }

    /// <summary>The next line the device prints; it must hold <paramref name="key"/> (an "error" line or silence is the target's failure).</summary>
    public async Task<JsonNode> ExpectAsync(string key, CancellationToken cancellationToken) =>
        (await ExpectLineAsync(key, cancellationToken))[key]!;

    private async Task<JsonObject> ExpectLineAsync(string key, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        JsonObject line;
        try
        {
            line = await _lines.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed($"the meter device said nothing for {_timeout.TotalSeconds:0} s while the lab waited for '{key}'");
        }
        catch (ChannelClosedException)
        {
            throw Failed($"the meter device stopped while the lab waited for '{key}'");
        }

        return line[key] is not null ? line : throw Failed(line["error"] is { } error ? $"the meter device refused a command: {error}" : $"the meter device answered {line.ToJsonString()} where the lab waited for '{key}'");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
            }

            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            // It did not stop when asked: it is ended below.
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await Task.WhenAll(_reading, _draining);
        _process.Dispose();
    }

    private MeterDeviceException Failed(string what)
    {
        string log;
        lock (_log)
        {
            log = string.Join(Environment.NewLine, _log);
        }

        return new MeterDeviceException(_process.HasExited ? $"{what} (it exited with {_process.ExitCode}){Environment.NewLine}{log}" : $"{what}{Environment.NewLine}{log}");
    }

    private async Task ReadOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } text)
        {
            try
            {
                if (JsonNode.Parse(text) is JsonObject line)
                {
                    _lines.Writer.TryWrite(line);
                    continue;
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not a lab line: keep it with the log.
            }

            Keep(text);
        }

        _lines.Writer.TryComplete();
    }

    private async Task DrainLogAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } text)
        {
            Keep(text);
        }
    }

    private void Keep(string text)
    {
        lock (_log)
        {
            _log.Enqueue(text);
            while (_log.Count > LogLinesKept)
            {
                _log.Dequeue();
            }
        }
    }
}
