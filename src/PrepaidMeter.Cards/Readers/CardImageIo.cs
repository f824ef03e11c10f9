namespace PrepaidMeter.Cards.Readers;

/// <summary>
/// Whole-image operations over any reader: read an image, and write a new one by sending only the
/// bytes that changed and reading them back to verify. A write that does not verify is reported as
/// torn, so the caller's transaction is not committed.
/// </summary>
public static class CardImageIo
{
    /// <summary>Reads <paramref name="size"/> bytes from card address <paramref name="cardOffset"/>: an image placed on its card.</summary>
    public static async ValueTask<(CardIoResult Result, byte[] Image)> ReadAsync(ICardReader reader, int size, CancellationToken cancellationToken, int cardOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var image = new byte[size];
        var result = await reader.ReadAsync(cardOffset, image, cancellationToken);
        return (result, image);
    }

    /// <summary>Writes the runs where <paramref name="updated"/> differs from <paramref name="current"/>, then verifies them.</summary>
    /// <param name="beforeReadBack">Called once every run is written and before the read-back (a crash test stops the process there).</param>
    /// <param name="cardOffset">The card address of the images' byte 0 (the layout's <c>medium.offset</c>).</param>
    public static async ValueTask<CardIoResult> WriteChangedAsync(
        ICardReader reader, ReadOnlyMemory<byte> current, ReadOnlyMemory<byte> updated, ReadOnlyMemory<byte> psc, CancellationToken cancellationToken,
        Action? beforeReadBack = null, int cardOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (current.Length != updated.Length)
        {
            throw new ArgumentException("Both images must have the same size.", nameof(updated));
        }

        var runs = ChangedRuns(current.Span, updated.Span);
        if (runs.Count == 0)
        {
            return CardIoResult.Ok;
        }

        var pscResult = await reader.PresentPscAsync(psc, cancellationToken);
        if (pscResult.Status != PscStatus.Accepted)
        {
            return new(pscResult.Status == PscStatus.NoCard ? CardIoStatus.NoCard : CardIoStatus.Locked,
                pscResult.Status switch
                {
                    PscStatus.Wrong => $"wrong PSC: {pscResult.TriesLeft} tries left before the card locks",
                    PscStatus.Locked => "the card is locked after its last wrong PSC",
                    _ => "no card in the reader",
                });
        }

        var first = runs[0].Offset;
        var last = runs[^1].Offset + runs[^1].Length;
        foreach (var (offset, length) in runs)
        {
            var result = await reader.WriteAsync(cardOffset + offset, updated.Slice(offset, length), cancellationToken);
            if (!result.Success)
            {
                return result.Status == CardIoStatus.NoCard ? new(CardIoStatus.TornWrite, "the card left the reader during the write") : result;
            }
        }

        beforeReadBack?.Invoke();

        // One read-back of the span written proves every byte landed.
        var readBack = new byte[last - first];
        var read = await reader.ReadAsync(cardOffset + first, readBack, cancellationToken);
        if (!read.Success)
        {
            return new(CardIoStatus.TornWrite, $"the write could not be verified: {read}");
        }

        return readBack.AsSpan().SequenceEqual(updated.Span[first..last])
            ? CardIoResult.Ok
            : new(CardIoStatus.TornWrite, "the card does not hold what was written");
    }

    /// <summary>Maximal runs of differing bytes; runs separated by a gap of 4 bytes or fewer are merged, as one APDU costs more than a few bytes.</summary>
    public static IReadOnlyList<(int Offset, int Length)> ChangedRuns(ReadOnlySpan<byte> current, ReadOnlySpan<byte> updated)
    {
        const int MergeGap = 4;
        var runs = new List<(int Offset, int Length)>();
        var i = 0;
        while (i < current.Length)
        {
            if (current[i] == updated[i])
            {
                i++;
                continue;
            }

            var start = i;
            var end = i + 1;
            while (end < current.Length)
            {
                var next = end;
                while (next < current.Length && current[next] == updated[next] && next - end < MergeGap)
                {
                    next++;
                }

                if (next < current.Length && current[next] != updated[next])
                {
                    end = next + 1;
                }
                else
                {
                    break;
                }
            }

            runs.Add((start, end - start));
            i = end;
        }

        return runs;
    }
}
