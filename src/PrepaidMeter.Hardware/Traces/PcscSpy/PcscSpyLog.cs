namespace PrepaidMeter.Hardware.Traces.PcscSpy;

/// <summary>Which of pcsc-spy's two forms a log is in.</summary>
public enum PcscSpyForm
{
    /// <summary>The lines libpcscspy writes to the FIFO, saved with `cat ~/pcsc-spy &gt; LOG`: they carry the clock.</summary>
    Raw,

    /// <summary>What `pcsc-spy` prints: durations only.</summary>
    Printed,
}

/// <summary>
/// A pcsc-spy log read as a card trace: its exchanges, the form it was in, the PC/SC calls it held, and the calls it
/// could not tell because their start is not in it (a log begun mid-call).
/// </summary>
public sealed record PcscSpyImport(CardTraceReadResult Trace, PcscSpyForm? Form, int Calls, int Skipped = 0);

/// <summary>
/// Imports what pcsc-tools' spy (libpcscspy and `pcsc-spy`, Debian's libpcsclite-dev) saw a program do through
/// PC/SC — a vendor's vending program, a meter on a reader — as a card trace (docs/card-media.md, "Importing
/// pcsc-spy logs"): every SCardTransmit an exchange on the reader's side, sessions and ATRs from the connects,
/// reconnects and status calls around them.
/// </summary>
public static class PcscSpyLog
{
    /// <summary>Whether the text looks like a pcsc-spy log of either form (a call line in its first lines).</summary>
    public static PcscSpyForm? Recognise(IEnumerable<string> firstLines)
    {
        ArgumentNullException.ThrowIfNull(firstLines);
        foreach (var line in firstLines)
        {
            if (SpyRawLog.IsCallLine(line))
            {
                return PcscSpyForm.Raw;
            }

            if (SpyPrintedLog.IsCallLine(line))
            {
                return PcscSpyForm.Printed;
            }
        }

        return null;
    }

    /// <param name="clockless">Where a printed log's calls begin (it has no clock): each call then follows the last by its duration.</param>
    public static PcscSpyImport Read(string text, DateTimeOffset clockless)
    {
        ArgumentNullException.ThrowIfNull(text);
        var form = Recognise(text.Split('\n').Take(200));
        if (form is null)
        {
            return new(new([], "not a pcsc-spy log: no PC/SC call line ('>|sec|usec|SCard…' raw, or a printed 'SCard…' call) in its first 200 lines"), null, 0);
        }

        var calls = new SpyCallsToExchanges(clockless);
        using var reader = new StringReader(text);
        string? problem;
        try
        {
            problem = form == PcscSpyForm.Raw ? SpyRawLog.Read(reader, calls) : SpyPrintedLog.Read(reader, calls);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Only a printed log's calls are laid end to end from the given start; a start near the year 9999 runs out.
            problem = "its calls, laid end to end from the given start, run past the year 9999";
        }

        return problem is null
            ? new(new(calls.Exchanges(), null), form, calls.Calls, calls.Skipped)
            : new(new([], problem), form, calls.Calls, calls.Skipped);
    }
}
