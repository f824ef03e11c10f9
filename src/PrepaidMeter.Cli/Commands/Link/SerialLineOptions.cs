using System.CommandLine;
using System.Globalization;
using System.IO.Ports;
using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Cli.Commands.Link;

/// <summary>
/// The line settings every command that opens a serial port takes (`link ...`, `meter serve`, `meter run --serial`):
/// `--baud` and `--parity`, checked when the command line is read, so a mistyped rate is a usage error rather than a
/// port that opens at a speed no meter speaks. 8 data bits and 1 stop bit always, as DL/T 645 and CJ/T 188 have them.
/// </summary>
internal sealed class SerialLineOptions
{
    /// <summary>The rates DL/T 645-2007 and CJ/T 188 meters are built for (2400 their default), and 19200 some newer ones use.</summary>
    private static readonly int[] BaudRates = [1200, 2400, 4800, 9600, 19200];

    private static readonly Dictionary<string, Parity> Parities = new(StringComparer.Ordinal)
    {
        ["even"] = System.IO.Ports.Parity.Even,
        ["none"] = System.IO.Ports.Parity.None,
        ["odd"] = System.IO.Ports.Parity.Odd,
    };

    /// <param name="prefix">Before the options' names: "" for `--baud`/`--parity`, "bench-" for the lab's bench.</param>
    /// <param name="whose">Before their descriptions: "The line's " or "bench: the link's ".</param>
    public SerialLineOptions(string prefix = "", string whose = "The line's ")
    {
        Baud = new($"--{prefix}baud")
        {
            Description = $"{whose}rate: 1200, 2400, 4800, 9600 or 19200 bit/s (8 data bits, 1 stop bit)",
            DefaultValueFactory = _ => 2400,
        };
        Parity = new($"--{prefix}parity")
        {
            Description = $"{whose}parity: even (DL/T 645 and CJ/T 188), none or odd",
            DefaultValueFactory = _ => "even",
        };
        var baud = Baud;
        Baud.Validators.Add(result =>
        {
            // The token as typed: a value that is not a number at all must not reach GetValueOrDefault, which throws.
            if (result.Tokens.Count == 0)
            {
                return;
            }

            var typed = result.Tokens[^1].Value;
            if (!int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || !BaudRates.Contains(rate))
            {
                result.AddError($"{baud.Name}: '{typed}' is not a meter's rate; use {string.Join(", ", BaudRates)}");
            }
        });
        Parity.AcceptOnlyFromAmong([.. Parities.Keys]);
    }

    public Option<int> Baud { get; }

    public Option<string> Parity { get; }

    /// <summary>The settings the command line gives; the options were checked when it was read.</summary>
    public SerialSettings Settings(ParseResult parse) =>
        new(parse.GetValue(Baud), Parities[parse.GetValue(Parity)!]);
}
