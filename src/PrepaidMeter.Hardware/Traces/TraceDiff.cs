using System.Globalization;

namespace PrepaidMeter.Hardware.Traces;

/// <summary>
/// Where two exchanges with the same card differ (`prepaid card trace diff A B`): the commands are lined up (the
/// longest common run of commands with the same header and length), then each command only one side sent, each common
/// command sent with other data or answered differently, and — with a layout — each pair of writes that changed the fields differently and the fields the two
/// cards were left with, are one line each. Times and durations are not compared: two programs never share them.
/// </summary>
public static class TraceDiff
{
    // Lining up by longest common subsequence costs a cell per pair; past this many the traces are compared in step.
    private const long MaxCells = 4_000_000;

    /// <summary>The differences, one line each; none when the two exchanges are the same.</summary>
    /// <param name="watches">A layout's view of each card (A's, B's), or null for APDUs only.</param>
    public static IReadOnlyList<string> Compare(IReadOnlyList<ApduExchange> a, IReadOnlyList<ApduExchange> b, (CardImageWatch A, CardImageWatch B)? watches)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var effectsA = watches is { } wa ? a.Select(wa.A.Follow).ToArray() : new WriteEffect?[a.Count];
        var effectsB = watches is { } wb ? b.Select(wb.B.Follow).ToArray() : new WriteEffect?[b.Count];
        var lines = new List<string>();
        foreach (var (i, j) in LineUp(a, b))
        {
            switch (i, j)
            {
                case (int x, null):
                    lines.Add(Only("A", x, a[x]));
                    break;
                case (null, int y):
                    lines.Add(Only("B", y, b[y]));
                    break;
                case (int x, int y) when !Equal(a[x], b[y]):
                    lines.Add(Only("A", x, a[x]));
                    lines.Add(Only("B", y, b[y]));
                    break;
                case (int x, int y):
                    var pair = Invariant($"A#{x + 1} B#{y + 1} {ApduNames.Command(a[x].Command)}");
                    if (a[x].Command.AsSpan().CommonPrefixLength(b[y].Command) is var same && same < Math.Max(a[x].Command.Length, b[y].Command.Length))
                    {
                        lines.Add(ApduNames.CarriesCode(a[x].Command)
                            ? $"{pair}: the codes differ"
                            : Invariant($"{pair}: the commands differ from byte {same}: A {Head(a[x].Command.AsSpan(same))}; B {Head(b[y].Command.AsSpan(same))}"));
                    }

                    if (!a[x].Response.AsSpan().SequenceEqual(b[y].Response))
                    {
                        lines.Add($"{pair}: A ← {TraceShow.Response(a[x])}; B ← {TraceShow.Response(b[y])}");
                    }

                    // Two images part-way through their writes differ in checksums by nature: fields are compared once either decodes.
                    if (effectsA[x] is { } ea && effectsB[y] is { } eb && (ea.Note is null || eb.Note is null) && TraceShow.Effect(ea) != TraceShow.Effect(eb))
                    {
                        lines.Add($"{pair} changed fields: A {TraceShow.Effect(ea)}; B {TraceShow.Effect(eb)}");
                    }

                    break;
            }
        }

        if (watches is { } w && w.A.Fields is { } fieldsA && w.B.Fields is { } fieldsB)
        {
            lines.AddRange(Cards.Records.CardRecordFields.Changes(fieldsA, fieldsB).Select(c => $"the cards are left with {c.Field}: A {c.Before}; B {c.After}"));
        }

        return lines;
    }

    private static string Only(string side, int index, ApduExchange exchange) =>
        Invariant($"only {side}#{index + 1}: {ApduNames.Command(exchange.Command)} ({ApduNames.CommandHex(exchange.Command)}) ← {TraceShow.Response(exchange)}");

    // Where two commands part, the first bytes say enough; the fields (with a layout) say what they meant.
    private static string Head(ReadOnlySpan<byte> bytes) => bytes.Length <= 16 ? ApduNames.Hex(bytes) : ApduNames.Hex(bytes[..16]) + " …";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Pairs of indexes in order: both when the commands are equal and lined up, one when only that side sent it.</summary>
    private static List<(int? A, int? B)> LineUp(IReadOnlyList<ApduExchange> a, IReadOnlyList<ApduExchange> b)
    {
        var pairs = new List<(int?, int?)>();
        if ((long)a.Count * b.Count > MaxCells)
        {
            for (var k = 0; k < Math.Max(a.Count, b.Count); k++)
            {
                pairs.Add((k < a.Count ? k : null, k < b.Count ? k : null));
            }

            return pairs;
        }

        // common[i, j]: the longest common run of a[i..] and b[j..].
        var common = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                common[i, j] = Equal(a[i], b[j]) ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var (x, y) = (0, 0);
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && Equal(a[x], b[y]))
            {
                pairs.Add((x++, y++));
            }
            else if (y == b.Count || (x < a.Count && common[x + 1, y] >= common[x, y + 1]))
            {
                pairs.Add((x++, null));
            }
            else
            {
                pairs.Add((null, y++));
            }
        }

        return pairs;
    }

    /// <summary>The same command with the same length (CLA INS P1 P2 P3): two programs' writes of one field line up whatever they wrote.</summary>
    private static bool Equal(ApduExchange a, ApduExchange b) => a.Command.AsSpan(0, Math.Min(5, a.Command.Length)).SequenceEqual(b.Command.AsSpan(0, Math.Min(5, b.Command.Length)));
}
