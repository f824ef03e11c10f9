using System.CommandLine;

namespace PrepaidMeter.Cli.Commands.Link;

/// <summary>The options every `prepaid link` command takes to reach a meter: the port and its settings, the address, patience, a trace.</summary>
internal sealed class LineOptions
{
    /// <summary>A DL/T 645 command's options: a 12-digit address, AAAAAAAAAAAA by default.</summary>
    public LineOptions()
        : this(new Option<string>("--address", "-a")
        {
            Description = "The meter's address, 12 digits (its meter number); AAAAAAAAAAAA for the one meter on the line",
            DefaultValueFactory = _ => "AAAAAAAAAAAA",
        }, "DL/T 645")
    {
    }

    /// <summary>Another protocol's: its own address option (digits, wildcard, default differ) and its name in the trace's help.</summary>
    public LineOptions(Option<string> address, string protocol)
    {
        Address = address;
        Trace = LinkTraceFile.Option(protocol);
    }

    public Option<string> Port { get; } = new("--port", "-p") { Description = "The serial port: /dev/ttyUSB0, or one end of a socat pair", Required = true };

    public Option<string> Address { get; }

    /// <summary>--baud and --parity.</summary>
    public SerialLineOptions Serial { get; } = new();

    public Option<int> Timeout { get; } = new("--timeout") { Description = "Milliseconds the meter has to answer each try", DefaultValueFactory = _ => 500 };

    public Option<int> Tries { get; } = new("--tries") { Description = "Tries before giving up", DefaultValueFactory = _ => 3 };

    public Option<string?> Trace { get; }

    /// <summary>Adds the options; <paramref name="withAddress"/> false for a command that finds the address (read address).</summary>
    public void AddTo(Command command, bool withAddress = true)
    {
        foreach (var option in new Option[] { Port, Address, Serial.Baud, Serial.Parity, Timeout, Tries, Trace })
        {
            if (withAddress || option != Address)
            {
                command.Options.Add(option);
            }
        }
    }
}
