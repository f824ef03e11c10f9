using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Devices.Host;

/// <summary>Reading and writing the meter's NVRAM file and card files, atomically, so a failure loses nothing.</summary>
public static class MeterFiles
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

    /// <summary>As <see cref="Save"/>; why it could not (a read-only or full disk), and then the old file is as it was.</summary>
    public static string? TrySave(string path, VirtualMeter meter) => TryWriteAtomically(path, temporary => File.WriteAllBytes(temporary, meter.SaveNvram()));

    /// <summary>As <see cref="WriteAtomically"/>; why it could not, and then the file at <paramref name="path"/> is as it was.</summary>
    public static string? TryWriteAtomically(string path, Action<string> write)
    {
        try
        {
            WriteAtomically(path, write);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    public static void WriteAtomically(string path, Action<string> write)
    {
        var temporary = path + ".tmp";
        try
        {
            write(temporary);
            FlushToDisk(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A half-written temporary file is of no use to anyone; whatever else stands at its path is not ours to remove.
            if (File.Exists(temporary))
            {
                TryDelete(temporary);
            }

            throw;
        }
    }

    /// <summary>The new content reaches the disk before the rename makes it the file: a power cut leaves the old file or the new, whole.</summary>
    internal static void FlushToDisk(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Flush(flushToDisk: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write's own failure is the one worth reporting.
        }
    }
}
