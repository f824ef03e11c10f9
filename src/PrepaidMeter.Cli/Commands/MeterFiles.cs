using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Cli.Commands;

/// <summary>Reading and writing the meter's NVRAM file and card files, atomically, so a failure loses nothing.</summary>
internal static class MeterFiles
{
    public static string? TryLoad(string path, out VirtualMeter? meter)
    {
        meter = null;
        if (!File.Exists(path))
        {
            return $"no meter file '{path}' (create one with `prepaid meter new`)";
        }

        return VirtualMeter.TryLoad(File.ReadAllBytes(path), id => MeterModels.Resolve(id).Model, out meter) is { } error
            ? $"{path}: {error}"
            : null;
    }

    public static void Save(string path, VirtualMeter meter) => WriteAtomically(path, temporary => File.WriteAllBytes(temporary, meter.SaveNvram()));

    public static void WriteAtomically(string path, Action<string> write)
    {
        var temporary = path + ".tmp";
        write(temporary);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads "90s", "30m", "36h", "7d".</summary>
    public static string? TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || !long.TryParse(trimmed[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value > 36_500 * 24)
        {
            return $"'{text}' is not a duration such as 90s, 30m, 36h or 7d";
        }

        duration = trimmed[^1] switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'd' => TimeSpan.FromDays(value),
            _ => TimeSpan.MinValue,
        };
        return duration == TimeSpan.MinValue ? $"'{text}' is not a duration such as 90s, 30m, 36h or 7d" : null;
    }
}
