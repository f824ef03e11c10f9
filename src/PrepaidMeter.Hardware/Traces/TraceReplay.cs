using System.Globalization;

namespace PrepaidMeter.Hardware.Traces;

/// <summary>One replayed command whose answer is not the recorded one.</summary>
/// <param name="Number">The exchange's number in the trace, from 1.</param>
public sealed record ReplayDifference(int Number, ApduExchange Recorded, ChannelAnswer Now)
{
    public override string ToString()
    {
        var now = new ApduExchange(Recorded.Time, Recorded.Side, Recorded.Reader, Recorded.Session, Recorded.Command, Now.Response, TimeSpan.Zero) { Error = Now.Error };
        var first = FirstDifference(Recorded.Response, Now.Response);
        return string.Create(CultureInfo.InvariantCulture,
            $"#{Number} {ApduNames.Command(Recorded.Command)}: recorded {TraceShow.Response(Recorded)}; now {TraceShow.Response(now)}{(first is { } at ? $" (first difference at response byte {at})" : "")}");
    }

    private static int? FirstDifference(byte[] a, byte[] b)
    {
        var common = a.AsSpan().CommonPrefixLength(b);
        return common == a.Length && common == b.Length ? null : common;
    }
}

/// <summary>
/// Plays a trace's commands against a card (`prepaid card trace replay`) and notes every answer that differs from
/// the recorded one. Where the trace started a new session the card is reset. A GET CHALLENGE answers random bytes
/// by design: only its status word is compared (the EXTERNAL AUTHENTICATE after it then differs, and says so).
/// </summary>
public static class TraceReplay
{
    /// <summary>The differences, in order; stops at a card that gives no answer (the rest could not be played).</summary>
    public static IReadOnlyList<ReplayDifference> Run(IReadOnlyList<ApduExchange> exchanges, IApduChannel card, Action<int, ChannelAnswer>? played = null)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        ArgumentNullException.ThrowIfNull(card);
        var differences = new List<ReplayDifference>();
        for (var i = 0; i < exchanges.Count; i++)
        {
            var recorded = exchanges[i];
            if (i > 0 && recorded.Session != exchanges[i - 1].Session)
            {
                card.Reset();
            }

            var now = card.Transmit(recorded.Command);
            played?.Invoke(i + 1, now);
            if (!Same(recorded, now.Response))
            {
                differences.Add(new(i + 1, recorded, now));
            }

            if (now.Response.Length < 2 && recorded.Response.Length >= 2)
            {
                break;
            }
        }

        return differences;
    }

    private static bool Same(ApduExchange recorded, byte[] now) =>
        IsChallenge(recorded.Command) && now.Length >= 2 && recorded.Response.Length == now.Length
            ? recorded.Response.AsSpan(now.Length - 2).SequenceEqual(now.AsSpan(now.Length - 2))
            : recorded.Response.AsSpan().SequenceEqual(now);

    private static bool IsChallenge(byte[] command) => command.Length >= 2 && command[0] == 0x00 && command[1] == 0x84;
}
