using System.Collections.Concurrent;
using PrepaidMeter.Core;

namespace PrepaidMeter.Web.Meters;

/// <summary>
/// The meter files the console may show (`prepaid web --meters DIR`): each folder's *.nvram files, listed afresh on every
/// look, so a meter made while the console runs appears. The last whole reading of each file is kept, so a file caught
/// mid-write keeps showing its last state, and a meter is found by its number even then.
/// </summary>
public sealed class MeterShelf(IReadOnlyList<string> places, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, MeterDisplay> _lastWhole = new(StringComparer.Ordinal);

    /// <summary>Whether any meter folder was given: without, the console has no meter pages.</summary>
    public bool Any => places.Count > 0;

    /// <summary>The places as given, for the pages to name.</summary>
    public IReadOnlyList<string> Places => places;

    /// <summary>Every meter file now on the shelf (full paths, ordered, each once).</summary>
    public IReadOnlyList<string> Files()
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var place in places)
        {
            // A folder removed since the console started holds no meters; it may come back.
            if (Directory.Exists(place))
            {
                files.UnionWith(Directory.EnumerateFiles(place, "*.nvram").Select(Path.GetFullPath));
            }
        }

        return [.. files];
    }

    /// <summary>Reads <paramref name="path"/> now (tried again while it is caught mid-write), keeping its last whole display when it fails.</summary>
    public async Task<MeterFileReading> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var (display, problem) = await MeterFileReader.ReadAsync(path, time, cancellationToken);
        if (display is not null)
        {
            _lastWhole[path] = display;
            return new(path, display, null);
        }

        return new(path, _lastWhole.GetValueOrDefault(path), problem);
    }

    /// <summary>Every file on the shelf, read now.</summary>
    public async Task<IReadOnlyList<MeterFileReading>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var readings = new List<MeterFileReading>();
        foreach (var file in Files())
        {
            readings.Add(await ReadAsync(file, cancellationToken));
        }

        return readings;
    }

    /// <summary>The meter numbered <paramref name="number"/>, read now; null when no file on the shelf is (or was last seen to be) that meter.</summary>
    public async Task<MeterFileReading?> FindAsync(MeterNumber number, CancellationToken cancellationToken)
    {
        var files = Files();
        // `meter new --count` names a meter's file by its number: look there first, then at the rest, then at what was last seen.
        var named = files.Where(f => Path.GetFileNameWithoutExtension(f) == number.ToString()).ToList();
        foreach (var file in named.Concat(files.Except(named, StringComparer.Ordinal)))
        {
            var reading = await ReadAsync(file, cancellationToken);
            if (reading.Display?.Number == number)
            {
                return reading;
            }
        }

        return null;
    }
}
