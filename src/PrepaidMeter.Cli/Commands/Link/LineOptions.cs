using System.CommandLine;

namespace PrepaidMeter.Cli.Commands.Link;

/// <summary>The options every `prepaid link` command takes to reach a meter: the port and its settings, the address, patience, a trace.</summary>
internal sealed class LineOptions
{
    public Option<string> Port { get; } = new("--port", "-p") { Description = "The serial port: /dev/ttyUSB0, or one end of a socat pair", Required = true };

    public Option<string> Address { get; } = new("--address", "-a")
    {
        Description = "The meter's address, 12 digits (its meter number); AAAAAAAAAAAA for the one meter on the line",
        DefaultValueFactory = _ => "AAAAAAAAAAAA",
    };

    public Option<int> Baud { get; } = new("--baud") { Description = "2400 or 9600 (8 data bits, even parity, 1 stop bit)", DefaultValueFactory = _ => 2400 };

    public Option<int> Timeout { get; } = new("--timeout") { Description = "Milliseconds the meter has to answer each try", DefaultValueFactory = _ => 500 };

    public Option<int> Tries { get; } = new("--tries") { Description = "Tries before giving up", DefaultValueFactory = _ => 3 };

    public Option<string?> Trace { get; } = LinkTraceFile.Option();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Port, Address, Baud, Timeout, Tries, Trace })
        {
            command.Options.Add(option);
        }
    }
}
