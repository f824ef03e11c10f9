using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Web.Meters;

/// <summary>
/// Reads a virtual meter's NVRAM file for display, never writing it. The meter saves with a write-then-rename, but a file
/// copied in or written in place can be caught halfway (a short file, a CRC that does not match): such a read is tried again
/// a few times, <see cref="RetryAfter"/> apart, before the console says the file cannot be read.
/// </summary>
internal static class MeterFileReader
{
    public const int Tries = 5;

    public static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(100);

    /// <summary>The meter's display, or why the file could not be read after <see cref="Tries"/> tries.</summary>
    public static async Task<(MeterDisplay? Display, string? Problem)> ReadAsync(string path, TimeProvider time, CancellationToken cancellationToken)
    {
        var problem = "";
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(RetryAfter, time, cancellationToken);
            }

            problem = TryRead(path, out var display);
            if (problem is null)
            {
                return (display, null);
            }
        }

        return (null, problem);
    }

    private static string? TryRead(string path, out MeterDisplay? display)
    {
        display = null;
        byte[] image;
        try
        {
            // Shared with the meter's own writes and renames: the console must never stand in a writer's way.
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            file.CopyTo(copy);
            image = copy.ToArray();
        }
        catch (FileNotFoundException)
        {
            return $"no meter file {path}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path} cannot be read: {e.Message}";
        }

        // Only the shipped models by id: the console does not open a path named inside a file it was given to show.
        if (VirtualMeter.TryLoad(image, id => MeterModels.All.FirstOrDefault(m => m.Id == id), out var meter) is { } error)
        {
            return $"{path}: {error}";
        }

        display = MeterDisplay.Of(meter!.Snapshot());
        return null;
    }
}
