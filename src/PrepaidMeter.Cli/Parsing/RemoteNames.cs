using PrepaidMeter.Devices.Link;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Cli.Parsing;

/// <summary>The remote commands' names on the command line, for `meter remote` and `link control` alike.</summary>
internal static class RemoteNames
{
    public static IReadOnlyDictionary<string, RemoteCommand> Meter { get; } = new Dictionary<string, RemoteCommand>(StringComparer.Ordinal)
    {
        ["trip"] = RemoteCommand.Trip, ["close-permitted"] = RemoteCommand.ClosePermitted, ["close"] = RemoteCommand.DirectClose,
        ["alarm-on"] = RemoteCommand.AlarmOn, ["alarm-off"] = RemoteCommand.AlarmOff,
        ["keep-power-on"] = RemoteCommand.KeepPowerOn, ["keep-power-off"] = RemoteCommand.KeepPowerOff,
    };

    public static IReadOnlyDictionary<string, Dlt645ControlCommand> Link { get; } =
        Meter.ToDictionary(name => name.Key, name => RemoteOnTheLink.ToLink(name.Value), StringComparer.Ordinal);
}
