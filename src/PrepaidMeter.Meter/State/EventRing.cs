namespace PrepaidMeter.Meter.State;

/// <summary>
/// The meter's event ring as an immutable value: the newest <see cref="Length"/> events of a shared,
/// append-only backing log. Adding an event returns a new ring; the old one still reads what it read,
/// because a slot is written only past every ring's end. So a commit keeps the ring by value, and an
/// insertion adds its event without copying the ring — a new backing log is made only when the log
/// is full or when adding to a ring that is not the log's newest (after a power cut restored an older one).
/// </summary>
internal readonly struct EventRing
{
    private readonly Log? _log;
    private readonly int _start;

    private EventRing(Log log, int start, int length)
    {
        _log = log;
        _start = start;
        Length = length;
    }

    public int Length { get; }

    public MeterEvent this[int index] => (uint)index < (uint)Length
        ? _log!.Items[_start + index]
        : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>A ring holding <paramref name="events"/> (oldest first), as read back from NVRAM.</summary>
    public static EventRing Of(IReadOnlyList<MeterEvent> events)
    {
        var log = new Log([.. events]) { Used = events.Count };
        return new(log, 0, events.Count);
    }

    /// <summary>This ring with <paramref name="entry"/> added, keeping the newest <paramref name="depth"/>.</summary>
    public EventRing Add(MeterEvent entry, int depth)
    {
        var kept = Math.Min(Length, depth - 1);
        var end = _start + Length;
        if (_log is { } log && log.Used == end && end < log.Items.Length)
        {
            log.Items[end] = entry;
            log.Used++;
            return new(log, end + 1 - (kept + 1), kept + 1);
        }

        // A new log with room for a whole depth of further events before the next copy.
        var fresh = new Log(new MeterEvent[Math.Max(2 * depth, kept + 1)]);
        for (var i = 0; i < kept; i++)
        {
            fresh.Items[i] = this[Length - kept + i];
        }

        fresh.Items[kept] = entry;
        fresh.Used = kept + 1;
        return new(fresh, 0, kept + 1);
    }

    public MeterEvent[] ToArray()
    {
        var events = new MeterEvent[Length];
        for (var i = 0; i < Length; i++)
        {
            events[i] = this[i];
        }

        return events;
    }

    private sealed class Log(MeterEvent[] items)
    {
        public MeterEvent[] Items { get; } = items;

        /// <summary>Slots written so far; every ring ends at or before it.</summary>
        public int Used { get; set; }
    }
}
