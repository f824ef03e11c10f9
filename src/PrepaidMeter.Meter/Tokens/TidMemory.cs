using System.Collections.Immutable;

namespace PrepaidMeter.Meter.Tokens;

/// <summary>
/// Rule TK5: the meter keeps the identifiers (TIDs) of the most recent tokens it accepted, ascending. A TID it keeps is
/// "used"; while the memory is full, a TID older than the oldest kept is "old" — it may have been accepted and forgotten,
/// so the meter cannot tell and refuses it. Accepting one adds it and, past the size, forgets the oldest.
/// </summary>
internal static class TidMemory
{
    public static TokenResponse? Check(ImmutableArray<int> tids, int size, int tid)
    {
        if (tids.BinarySearch(tid) >= 0)
        {
            return TokenResponse.Used;
        }

        return tids.Length >= size && tid < tids[0] ? TokenResponse.Old : null;
    }

    public static ImmutableArray<int> Add(ImmutableArray<int> tids, int size, int tid)
    {
        var at = tids.BinarySearch(tid);
        if (at >= 0)
        {
            throw new InvalidOperationException($"TID {tid} is already kept: check before adding.");
        }

        var added = tids.Insert(~at, tid);
        return added.Length > size ? added.RemoveRange(0, added.Length - size) : added;
    }
}
