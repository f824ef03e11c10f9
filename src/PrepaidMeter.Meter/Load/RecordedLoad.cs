using System.Globalization;

namespace PrepaidMeter.Meter.Load;

/// <summary>A recorded series: each sample's power holds until the next; nothing is drawn before the first or after the last.</summary>
public sealed class RecordedLoad : LoadProfile
{
    private readonly (DateTimeOffset At, int Watts)[] _samples;

    public RecordedLoad(IEnumerable<(DateTimeOffset At, int Watts)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        _samples = [.. samples.OrderBy(s => s.At)];
    }

    /// <summary>Reads CSV lines "2026-11-23T08:00:00Z,1500" (a header line is allowed); a refusal names the line.</summary>
    public static string? TryParseCsv(string text, out RecordedLoad? load)
    {
        load = null;
        var samples = new List<(DateTimeOffset, int)>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || (lineNumber == 1 && !char.IsDigit(line[0])))
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length != 2
                || !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var watts))
            {
                return $"line {lineNumber}: expected 'time,watts' such as 2026-11-23T08:00:00Z,1500";
            }

            samples.Add((at, watts));
        }

        if (samples.Count == 0)
        {
            return "no samples";
        }

        load = new RecordedLoad(samples);
        return null;
    }

    public override int WattsAt(DateTimeOffset at)
    {
        var watts = 0;
        for (var i = 0; i < _samples.Length && _samples[i].At <= at; i++)
        {
            watts = i == _samples.Length - 1 ? 0 : _samples[i].Watts;
        }

        return watts;
    }

    public override DateTimeOffset? NextChangeAfter(DateTimeOffset at)
    {
        foreach (var (time, _) in _samples)
        {
            if (time > at)
            {
                return time;
            }
        }

        return null;
    }
}
