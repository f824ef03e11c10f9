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
        var parsed = Core.Durations.Parse(text);
        parsed.TryGetValue(out duration);
        return parsed.Error;
    }
}
