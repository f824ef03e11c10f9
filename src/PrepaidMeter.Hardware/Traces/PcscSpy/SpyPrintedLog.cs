using System.Globalization;
using System.Text.RegularExpressions;

namespace PrepaidMeter.Hardware.Traces.PcscSpy;

/// <summary>
/// What `pcsc-spy` prints (with or without colours, -t or -d): a call's name on a line, its arguments on ` i ` (in)
/// and ` o ` (out) lines, byte buffers as hexdump rows, and ` => text (NAME [0xRV])  [s.usec]`. Each thread's lines
/// are indented four spaces further (or marked `(tN)` with -t), so calls are gathered by their indentation. The text
/// has no clock, only each call's duration.
/// </summary>
internal static partial class SpyPrintedLog
{
    /// <summary>Whether a line is a call's name or a call's result as pcsc-spy prints them.</summary>
    public static bool IsCallLine(string line) => Classify(line) is { Body: var body } && (NamePattern().IsMatch(body) || body.StartsWith("=> ", StringComparison.Ordinal));

    public static string? Read(TextReader reader, SpyCallsToExchanges calls)
    {
        var open = new Dictionary<string, PrintedCall>(StringComparer.Ordinal);
        var number = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (Classify(line) is not { } classified)
            {
                continue;
            }

            var (thread, body) = classified;
            if (NamePattern().IsMatch(body))
            {
                open[thread] = new PrintedCall(body);
            }
            else if (body.StartsWith("=> ", StringComparison.Ordinal))
            {
                var result = ResultPattern().Match(body);
                if (!result.Success)
                {
                    return $"line {number}: a call's result is '=> text (NAME [0xRV])  [s.usec]', not '{body}'";
                }

                if (open.Remove(thread, out var call))
                {
                    var rv = uint.Parse(result.Groups["rv"].ValueSpan, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    calls.Add(call.Finish(Duration(result), rv, result.Groups["text"].Value));
                }
            }
            else if (open.TryGetValue(thread, out var call) && body.Length >= 2 && body[1] == ' ' && body[0] is 'i' or 'o')
            {
                call.Argument(body[0] == 'i', body[2..]);
            }
        }

        return null;
    }

    private static TimeSpan Duration(Match result) =>
        result.Groups["s"].Success
            ? TimeSpan.FromSeconds(long.Parse(result.Groups["s"].ValueSpan, CultureInfo.InvariantCulture))
              + TimeSpan.FromTicks(long.Parse(result.Groups["us"].ValueSpan, CultureInfo.InvariantCulture) * 10)
            : TimeSpan.Zero;

    // The thread: -t's "(tN)", else the indentation's depth (four spaces a thread; an argument line has one more).
    private static (string Thread, string Body)? Classify(string line)
    {
        var text = ColourPattern().Replace(line, "");
        var body = text.TrimStart(' ');
        if (body.Length == 0)
        {
            return null;
        }

        var thread = ((text.Length - body.Length) / 4).ToString(CultureInfo.InvariantCulture);
        if (ThreadPattern().Match(body) is { Success: true } marked)
        {
            thread = marked.Groups[1].Value;
            body = body[marked.Length..].TrimStart(' ');
        }

        return (thread, body.TrimEnd());
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex ColourPattern();

    [GeneratedRegex(@"^\(t(\d+)\) ")]
    private static partial Regex ThreadPattern();

    // "SCarControl" is how pcsc-spy spells SCardControl.
    [GeneratedRegex(@"^SCar[A-Za-z]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^=> (?<text>.*) \((?<name>\w+) \[0x(?<rv>[0-9A-Fa-f]{8})\]\)\s+\[(?:(?<s>\d+)\.(?<us>\d{6})|\?\?\.\?\?)\]$")]
    private static partial Regex ResultPattern();

    /// <summary>A call's argument lines as they come, kept until its result line.</summary>
    private sealed class PrintedCall(string function)
    {
        private readonly List<byte> _send = [];
        private readonly List<byte> _receive = [];
        private List<byte>? _buffer;
        private bool _receivedNull;
        private string? _card;
        private string? _reader;
        private uint? _initialization;
        private byte[]? _atr;

        public void Argument(bool input, string text)
        {
            // Hexdump rows ("0000 FF A4 …   ascii") follow their buffer's name; anything else ends the buffer.
            if (_buffer is not null && HexdumpRow(text) is { } row)
            {
                _buffer.AddRange(row);
                return;
            }

            if (_buffer == _receive && text.Trim() == "NULL")
            {
                _receivedNull = true;
            }

            _buffer = null;
            var (name, value) = text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? (text[..space].TrimEnd(':'), text[(space + 1)..]) : (text, "");
            switch (name)
            {
                case "hCard" when input:
                case "phCard" when !input:
                    _card = value.Split(' ')[0];
                    break;
                case "szReader" when input:
                case "mszReaderName" when !input && value != "NULL":
                    _reader = value;
                    break;
                case "dwInitialization":
                    _initialization = SpyValues.Number(value);
                    break;
                case "bAtr" when !input:
                    _atr = SpyValues.Bytes(value);
                    break;
                case "bSendBuffer" when input:
                    _buffer = _send;
                    break;
                case "bRecvBuffer" when !input:
                    _buffer = _receive;
                    break;
            }
        }

        public SpyCall Finish(TimeSpan duration, uint rv, string text) => new(function, null, duration, rv, text)
        {
            Card = _card,
            Reader = _reader,
            Initialization = _initialization,
            Atr = _atr,
            Command = _send.Count > 0 ? [.. _send] : null,
            Response = _receive.Count > 0 || !_receivedNull && function == "SCardTransmit" && rv == 0 ? [.. _receive] : null,
        };

        // "%04X %s %s": a 4-digit offset, then the 16 bytes' 47-column hex field, then the ASCII.
        private static byte[]? HexdumpRow(string text)
        {
            var row = text.TrimStart(' ');
            if (row.Length < 7 || row[4] != ' ' || !int.TryParse(row.AsSpan(0, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
            {
                return null;
            }

            var hex = row.Substring(5, Math.Min(47, row.Length - 5));
            return SpyValues.Bytes(hex);
        }
    }
}
