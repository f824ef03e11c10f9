using System.Globalization;

namespace PrepaidMeter.Hardware.Traces;

/// <summary>
/// A trace's commands as a script pcsc-tools' `scriptor` runs as is: one APDU a line in hex with spaces, a `reset`
/// line where the trace starts a new card session, and `#` comments saying what each APDU is and what it was
/// answered. The codes (PRESENT PSC) are in the APDU lines in clear, as the card needs them; the comments mask them.
/// </summary>
public static class ScriptorScript
{
    public static void Write(TextWriter output, IReadOnlyList<ApduExchange> exchanges, string source)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(exchanges);
        output.WriteLine($"# scriptor script from the trace {source}: {exchanges.Count} APDUs");
        output.WriteLine("# run: scriptor -r \"READER NAME\" THIS-FILE");
        int? session = null;
        var number = 0;
        foreach (var exchange in exchanges)
        {
            number++;
            if (session is { } last && exchange.Session != last)
            {
                output.WriteLine("# a new card session in the trace");
                output.WriteLine("reset");
            }

            session = exchange.Session;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# #{number} {ApduNames.Command(exchange.Command)}; recorded answer: {TraceShow.Response(exchange)}"));
            output.WriteLine(ApduNames.Hex(exchange.Command));
        }
    }
}
