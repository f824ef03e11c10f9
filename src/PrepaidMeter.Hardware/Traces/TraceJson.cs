using System.Globalization;
using System.Text.Json;

namespace PrepaidMeter.Hardware.Traces;

/// <summary>The line format of docs/card-media.md, "Traces": property names and value forms, written and read here only.</summary>
internal static class TraceJson
{
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static void Write(Utf8JsonWriter json, ApduExchange exchange)
    {
        json.WriteStartObject();
        json.WriteString("time", exchange.Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
        json.WriteString("side", exchange.Side == TraceSide.Card ? "card" : "reader");
        json.WriteString("reader", exchange.Reader);
        json.WriteNumber("session", exchange.Session);
        if (exchange.Atr is { } atr)
        {
            json.WriteString("atr", Convert.ToHexString(atr));
        }

        json.WriteString("command", Convert.ToHexString(exchange.Command));
        json.WriteString("response", Convert.ToHexString(exchange.Response));
        json.WriteString("sw", exchange.StatusWord is { } sw ? sw.ToString("X4", CultureInfo.InvariantCulture) : "");
        // Microseconds are what an APDU through pcscd is measured in; more digits would only be noise.
        json.WriteNumber("ms", Math.Round(exchange.Duration.TotalMilliseconds, 3));
        if (exchange.Card is { } card)
        {
            json.WriteString("medium", card.Medium);
            json.WriteBoolean("unlocked", card.Unlocked);
            if (card.ErrorCounter is { } counter)
            {
                json.WriteNumber("errorCounter", counter);
            }
        }

        if (exchange.Error is { } error)
        {
            json.WriteString("error", error);
        }

        json.WriteEndObject();
    }
}
