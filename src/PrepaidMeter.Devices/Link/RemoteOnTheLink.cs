using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Devices.Link;

/// <summary>The meter's remote commands (rules R1–R5) and the DL/T 645 control commands (1CH, N1) that carry them: one table, both ways.</summary>
public static class RemoteOnTheLink
{
    private static readonly (RemoteCommand Meter, Dlt645ControlCommand Link)[] Pairs =
    [
        (RemoteCommand.Trip, Dlt645ControlCommand.Trip),
        (RemoteCommand.ClosePermitted, Dlt645ControlCommand.ClosePermitted),
        (RemoteCommand.DirectClose, Dlt645ControlCommand.DirectClose),
        (RemoteCommand.AlarmOn, Dlt645ControlCommand.AlarmOn),
        (RemoteCommand.AlarmOff, Dlt645ControlCommand.AlarmOff),
        (RemoteCommand.KeepPowerOn, Dlt645ControlCommand.KeepPowerOn),
        (RemoteCommand.KeepPowerOff, Dlt645ControlCommand.KeepPowerOff),
    ];

    public static Dlt645ControlCommand ToLink(RemoteCommand command) =>
        Array.FindIndex(Pairs, p => p.Meter == command) is var index and >= 0
            ? Pairs[index].Link
            : throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown remote command.");

    public static RemoteCommand FromLink(Dlt645ControlCommand command) =>
        Array.FindIndex(Pairs, p => p.Link == command) is var index and >= 0
            ? Pairs[index].Meter
            : throw new ArgumentOutOfRangeException(nameof(command), command, "Not a DL/T 645 control command.");
}
