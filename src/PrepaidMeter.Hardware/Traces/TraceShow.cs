using System.Globalization;
using System.Text;

namespace PrepaidMeter.Hardware.Traces;

/// <summary>
/// A trace for people (`prepaid card trace show`): each exchange as a heading (number, time, who recorded it, the
/// session, how long), the command named with its bytes (a code masked), the response's status word named, and with a
/// layout, what each write changed in fields.
/// </summary>
public static class TraceShow
{
    // A command longer than this shows its header and how many data bytes follow: the fields say what they meant.
    private const int HexShown = 16;

    /// <param name="watch">The layout's view of the card, or null to show APDUs only.</param>
    public static void Write(TextWriter output, IEnumerable<ApduExchange> exchanges, CardImageWatch? watch)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(exchanges);
        var number = 0;
        var line = new StringBuilder();
        foreach (var exchange in exchanges)
        {
            number++;
            Describe(line.Clear(), number, exchange, watch?.Follow(exchange));
            output.Write(line);
        }
    }

    /// <summary>The lines for one exchange, each ending in a new line.</summary>
    public static string Describe(int number, ApduExchange exchange, WriteEffect? effect) => Describe(new StringBuilder(), number, exchange, effect).ToString();

    private static StringBuilder Describe(StringBuilder text, int number, ApduExchange exchange, WriteEffect? effect)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"#{number} {exchange.Time.UtcDateTime.ToString(TraceJson.TimeFormat, invariant)} ");
        text.Append(exchange.Side == TraceSide.Card ? "card" : "reader");
        text.Append(invariant, $" '{exchange.Reader}' session {exchange.Session}, {exchange.Duration.TotalMilliseconds:0.###} ms");
        if (exchange.Card is { } card)
        {
            text.Append(invariant, $"; {card.Medium} {(card.Unlocked ? "unlocked" : "locked")}");
            if (card.ErrorCounter is { } counter)
            {
                text.Append(invariant, $", error counter {counter:X2}");
            }
        }

        text.Append('\n');
        text.Append("  → ").Append(ApduNames.Command(exchange.Command)).Append(": ").Append(CommandHex(exchange.Command)).Append('\n');
        text.Append("  ← ").Append(Response(exchange)).Append('\n');
        if (effect is not null)
        {
            text.Append("  = ").Append(Effect(effect)).Append('\n');
        }

        return text;
    }

    /// <summary>"purchaseCount 2 → 3, purchase 30.00 → 40.00", "no field changed", or why fields cannot be told.</summary>
    public static string Effect(WriteEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        return effect.Note ?? (effect.Changes.Count == 0 ? "no field changed" : string.Join(", ", effect.Changes.Select(c => $"{c.Field} {c.Before} → {c.After}")));
    }

    /// <summary>"255 bytes, 90 00 ok", "69 82 not unlocked …", "no response: the card was removed".</summary>
    public static string Response(ApduExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (exchange.Response.Length < 2)
        {
            return exchange.Error is { } error ? $"no response: {error}" : "no response";
        }

        var status = ApduNames.Status(exchange.Command, exchange.Response);
        return exchange.Data.Length == 0 ? status : $"{ApduNames.Bytes(exchange.Data.Length)}, {status}";
    }

    private static string CommandHex(byte[] command) => command.Length <= HexShown || ApduNames.CarriesCode(command)
        ? ApduNames.CommandHex(command)
        : string.Create(CultureInfo.InvariantCulture, $"{ApduNames.Hex(command.AsSpan(0, 5))} … ({command.Length - 5} data bytes)");
}
