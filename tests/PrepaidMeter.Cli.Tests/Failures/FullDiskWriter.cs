using System.Text;

namespace PrepaidMeter.Cli.Tests.Failures;

/// <summary>
/// Standard output on a full disk, as /dev/full behaves: the console's writer flushes on every write, so it throws
/// there; a buffered writer throws only when flushed (<paramref name="onFlushOnly"/>), after the command's last write.
/// </summary>
internal sealed class FullDiskWriter(bool onFlushOnly = false) : TextWriter
{
    private readonly StringBuilder _buffered = new();

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>What the command wrote before the failure showed (a buffered writer's lost bytes).</summary>
    public string Buffered => _buffered.ToString();

    public override void Write(char value)
    {
        if (!onFlushOnly)
        {
            throw new IOException("No space left on device");
        }

        _buffered.Append(value);
    }

    public override void Flush()
    {
        if (_buffered.Length > 0)
        {
            throw new IOException("No space left on device");
        }
    }
}
