using System.Globalization;

namespace PrepaidMeter.Hardware.Traces.PcscSpy;

/// <summary>
/// The raw lines libpcscspy writes to pcsc-spy's FIFO (what `cat ~/pcsc-spy &gt; LOG` saves): each line
/// `THREAD@TEXT`; a call is `&gt;|sec|usec|Function`, its arguments one a line in the order pcsc-spy reads them, and
/// `&lt;|sec|usec|Function|text|0xRV`. Threads' lines interleave: each thread's calls are read on their own.
/// </summary>
internal static class SpyRawLog
{
    /// <summary>Whether a line is one of the raw log's call lines (how the form is told from the printed one).</summary>
    public static bool IsCallLine(string line)
    {
        var text = WithoutThread(line);
        return text.StartsWith(">|", StringComparison.Ordinal) || text.StartsWith("<|", StringComparison.Ordinal);
    }

    /// <returns>Null when every line was read; otherwise what is wrong, by line.</returns>
    public static string? Read(TextReader reader, SpyCallsToExchanges calls)
    {
        var open = new Dictionary<string, (string Function, DateTimeOffset Start, List<string> Arguments)>(StringComparer.Ordinal);
        var number = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var at = line.IndexOf('@', StringComparison.Ordinal);
            var thread = at < 0 ? "" : line[..at];
            var text = at < 0 ? line : line[(at + 1)..];
            if (text.StartsWith(">|", StringComparison.Ordinal))
            {
                var parts = text.Split('|');
                if (parts.Length != 4 || Time(parts[1], parts[2]) is not { } start)
                {
                    return $"line {number}: a call's first line is '>|sec|usec|Function', not '{text}'";
                }

                open[thread] = (parts[3], start, []);
            }
            else if (text.StartsWith("<|", StringComparison.Ordinal))
            {
                var parts = text.Split('|');
                if (parts.Length != 6 || Time(parts[1], parts[2]) is not { } end || !TryReturnValue(parts[5], out var rv))
                {
                    return $"line {number}: a call's last line is '<|sec|usec|Function|text|0xRV', not '{text}'";
                }

                // A call whose beginning is not in the log (the log was started mid-call) cannot be told: it is counted as skipped.
                if (open.Remove(thread, out var call) && call.Function == parts[3])
                {
                    if (Unreadable(call.Function, call.Arguments, answered: rv == 0) is { } what)
                    {
                        return $"line {number}: {call.Function}'s {what}";
                    }

                    calls.Add(Call(call.Function, call.Start, end - call.Start, rv, parts[4], call.Arguments));
                }
                else
                {
                    calls.Skipped++;
                }
            }
            else if (open.TryGetValue(thread, out var call))
            {
                call.Arguments.Add(text.TrimEnd());
            }
        }

        // A log cut short: an APDU sent but never answered in it is kept, marked, rather than lost.
        foreach (var (function, start, arguments) in open.Values.Where(c => c.Function == "SCardTransmit").OrderBy(c => c.Start))
        {
            if (Unreadable(function, arguments, answered: false) is { } what)
            {
                return $"the log's last {function}: its {what}";
            }

            calls.Add(Call(function, start, TimeSpan.Zero, 0, "", arguments) with { Unfinished = true, Response = null });
        }

        return null;
    }

    /// <summary>What of a transmit's APDUs is not bytes, so the import refuses the log rather than keep a wrong exchange.</summary>
    private static string? Unreadable(string function, List<string> arguments, bool answered)
    {
        if (function != "SCardTransmit")
        {
            return null;
        }

        string? Bad(int i) => i < arguments.Count && arguments[i] is { Length: > 0 } text && text != "NULL" && SpyValues.Bytes(text) is null ? text : null;
        return Bad(4) is { } command ? $"command '{command}' is not bytes in hex pairs"
            : answered && Bad(8) is { } response ? $"response '{response}' is not bytes in hex pairs"
            : null;
    }

    // The argument lines' positions are the ones pcsc-spy's own reader takes them from (its _SCard* methods).
    private static SpyCall Call(string function, DateTimeOffset start, TimeSpan duration, uint rv, string text, List<string> a)
    {
        string? At(int i) => i < a.Count ? a[i] : null;
        var call = new SpyCall(function, start, duration, rv, text);
        return function switch
        {
            "SCardConnect" => call with { Reader = At(1), Card = At(6) },
            "SCardReconnect" => call with { Card = At(0), Initialization = SpyValues.Number(At(3)) },
            "SCardStatus" => call with { Card = At(0), Reader = At(4) is "NULL" ? null : At(4), Atr = SpyValues.Bytes(At(8)) },
            "SCardTransmit" => call with { Card = At(0), Command = SpyValues.Bytes(At(4)), Response = SpyValues.Bytes(At(8)) },
            "SCardDisconnect" => call with { Card = At(0) },
            _ => call,
        };
    }

    private static string WithoutThread(string line) => line.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 ? line[(at + 1)..] : line;

    private static DateTimeOffset? Time(string seconds, string microseconds) =>
        long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && long.TryParse(microseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var us)
            && s is >= 0 and < 253_402_300_800 && us is >= 0 and < 1_000_000
            ? DateTimeOffset.FromUnixTimeSeconds(s).AddTicks(us * 10)
            : null;

    private static bool TryReturnValue(string text, out uint rv) =>
        uint.TryParse(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out rv);
}
