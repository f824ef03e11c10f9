namespace PrepaidMeter.Hardware.Traces.PcscSpy;

/// <summary>
/// A trace file of either kind the `card trace` commands read: the project's JSON Lines (a first line that is a JSON
/// object), or a pcsc-spy log (<see cref="PcscSpyLog"/>), told apart by their first lines. It lives beside the spy
/// reader so the trace namespace itself never depends on the pcsc-spy one (no namespace loop).
/// </summary>
public static class CardTraceInput
{
    /// <param name="clockless">Where a clockless (printed) pcsc-spy log's calls begin.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CardTraceReadResult Read(string path, DateTimeOffset clockless)
    {
        var text = File.ReadAllText(path);
        var first = text.Split('\n').FirstOrDefault(l => !string.IsNullOrWhiteSpace(l));
        if (first is null || first.TrimStart().StartsWith('{'))
        {
            using var reader = new StringReader(text);
            return CardTraceFile.Read(reader);
        }

        var spy = PcscSpyLog.Read(text, clockless);
        return spy.Form is null ? new([], "neither a trace (a JSON object a line, as --trace writes) nor a pcsc-spy log (raw or printed)") : spy.Trace;
    }
}
