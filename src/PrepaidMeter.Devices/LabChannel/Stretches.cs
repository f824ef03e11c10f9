namespace PrepaidMeter.Devices.LabChannel;

/// <summary>
/// Stretches of a constant value over one window, each from its start to the next's: what a load or a flow is on the
/// lab channel (<see cref="SegmentedLoad"/>, <see cref="SegmentedFlow"/>). Before the first stretch counts as the
/// first: a meter may ask about the instant it starts at.
/// </summary>
internal readonly struct Stretches<T>
{
    private readonly (DateTimeOffset From, T Value)[] _stretches;

    /// <exception cref="FormatException">No stretch at all.</exception>
    public Stretches((DateTimeOffset From, T Value)[] stretches, string what)
    {
        _stretches = stretches.Length > 0 ? stretches : throw new FormatException($"A {what} needs at least one stretch.");
    }

    public int Count => _stretches.Length;

    public IEnumerable<(DateTimeOffset From, T Value)> All => _stretches;

    /// <summary>The stretches <paramref name="valueAt"/> and <paramref name="nextChangeAfter"/> describe from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static (DateTimeOffset From, T Value)[] Cut(Func<DateTimeOffset, T> valueAt, Func<DateTimeOffset, DateTimeOffset?> nextChangeAfter, DateTimeOffset from, DateTimeOffset to)
    {
        var stretches = new List<(DateTimeOffset, T)>();
        var at = from;
        do
        {
            stretches.Add((at, valueAt(at)));
            at = nextChangeAfter(at) ?? to;
        }
        while (at < to);
        return [.. stretches];
    }

    public T At(DateTimeOffset at) => _stretches[IndexAt(at)].Value;

    public DateTimeOffset? NextChangeAfter(DateTimeOffset at)
    {
        var next = IndexAt(at) + 1;
        return next < _stretches.Length ? _stretches[next].From : null;
    }

    private int IndexAt(DateTimeOffset at)
    {
        var index = 0;
        while (index + 1 < _stretches.Length && _stretches[index + 1].From <= at)
        {
            index++;
        }

        return index;
    }
}
