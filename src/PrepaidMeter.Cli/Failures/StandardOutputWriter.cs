using System.Text;

namespace PrepaidMeter.Cli.Failures;

/// <summary>
/// Standard output as commands see it: a write or flush that fails (stdout redirected to /dev/full, a closed
/// pipe) is tagged as writing "standard output", so the guard reports it in one line with exit 3. After the
/// first failure it writes nothing more and throws no more, so nothing fails again on the way out.
/// Disposing it leaves the writer underneath open: that belongs to whoever made it (Console.Out, a test's writer).
/// </summary>
internal sealed class StandardOutputWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    public const string Name = "standard output";

    private bool _broken;

    public override Encoding Encoding => inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        var copy = buffer.ToString();
        Guard(() => inner.Write(copy));
    }

    public override void WriteLine() => Guard(inner.WriteLine);

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        var copy = buffer.ToString();
        Guard(() => inner.WriteLine(copy));
    }

    public override void Flush() => Guard(inner.Flush);

    public override Task FlushAsync() => GuardAsync(inner.FlushAsync);

    public override Task FlushAsync(CancellationToken cancellationToken) => GuardAsync(() => inner.FlushAsync(cancellationToken));

    public override Task WriteAsync(char value) => GuardAsync(() => inner.WriteAsync(value));

    public override Task WriteAsync(string? value) => GuardAsync(() => inner.WriteAsync(value));

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        GuardAsync(() => inner.WriteAsync(buffer, cancellationToken));

    public override Task WriteLineAsync(string? value) => GuardAsync(() => inner.WriteLineAsync(value));

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        GuardAsync(() => inner.WriteLineAsync(buffer, cancellationToken));

    private void Guard(Action write)
    {
        if (_broken)
        {
            return;
        }

        try
        {
            write();
        }
        catch (Exception e) when (PathIo.IsIo(e))
        {
            _broken = true;
            throw new PathAccessException(Name, isPath: false, PathUse.Write, e);
        }
    }

    private async Task GuardAsync(Func<Task> write)
    {
        if (_broken)
        {
            return;
        }

        try
        {
            await write();
        }
        catch (Exception e) when (PathIo.IsIo(e))
        {
            _broken = true;
            throw new PathAccessException(Name, isPath: false, PathUse.Write, e);
        }
    }
}
