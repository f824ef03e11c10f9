using PrepaidMeter.Core;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Targets;

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

    /// <summary>
    /// Sends <paramref name="command"/> to <paramref name="meter"/>: true when it acknowledged, false when it
    /// refused (a meter without power, or one that will not).
    /// </summary>
    /// <exception cref="LabTargetException">The meter did not answer, or answered nonsense: nothing it does can be judged.</exception>
    public static async Task<bool> SendAsync(SerialMeterLink link, MeterNumber meter, RemoteCommand command, byte[] authority, DateTimeOffset validUntil, string where,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var sent = await link.ControlAsync(Dlt645Address.From(meter.Value), ToLink(command), authority, validUntil, cancellationToken);
        return sent.Failure switch
        {
            LinkFailure.None => true,
            LinkFailure.Refused => false,
            _ => throw new LabTargetException($"meter {meter} over DL/T 645{where}: {sent.Message}"),
        };
    }
}
