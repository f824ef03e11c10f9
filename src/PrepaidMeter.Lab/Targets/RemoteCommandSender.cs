using PrepaidMeter.Core;
using PrepaidMeter.Devices.Link;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Targets;

/// <summary>A remote command to a meter over DL/T 645 (or CJ/T 188 for a water or gas meter's valve), as the stack and bench targets send it (the table of commands is the device library's).</summary>
public static class RemoteCommandSender
{
    /// <summary>
    /// Sends <paramref name="command"/> to <paramref name="meter"/>: true when it acknowledged, false when it
    /// refused (a meter without power, or one that will not).
    /// </summary>
    /// <exception cref="LabTargetException">The meter did not answer, or answered nonsense: nothing it does can be judged.</exception>
    public static async Task<bool> SendAsync(SerialMeterLink link, MeterNumber meter, RemoteCommand command, byte[] authority, DateTimeOffset validUntil, string where,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var sent = await link.ControlAsync(Dlt645Address.From(meter.Value), RemoteOnTheLink.ToLink(command), authority, validUntil, cancellationToken);
        return sent.Failure switch
        {
            LinkFailure.None => true,
            LinkFailure.Refused => false,
            _ => throw new LabTargetException($"meter {meter} over DL/T 645{where}: {sent.Message}"),
        };
    }

    /// <summary>What a step gets that asks a water or gas meter for a remote command CJ/T 188 has no word for.</summary>
    public static StepNotPossibleException NoCjt188Word(Utility utility, RemoteCommand command) =>
        new($"CJ/T 188 controls a {utility.Name()} meter's valve only: it has no {command}");

    /// <summary>
    /// Sends <paramref name="command"/> to a water or gas meter over CJ/T 188, whose only control is its valve (docs/cjt188.md):
    /// a trip closes it, a direct close opens it; true when the status in the meter's reply shows the valve there, false when
    /// it refused or shows it elsewhere (as the virtual target's <see cref="VirtualMeterOnCjt188.ValveControl"/> says).
    /// </summary>
    /// <exception cref="StepNotPossibleException">A command CJ/T 188 has no word for (close permitted, alarm, keep power).</exception>
    /// <exception cref="LabTargetException">The meter did not answer, or answered nonsense.</exception>
    public static async Task<bool> SendAsync(Cjt188MeterLink link, MeterNumber meter, Utility utility, RemoteCommand command, string where, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var valve = command switch
        {
            RemoteCommand.Trip => Cjt188ValveCommand.Close,
            RemoteCommand.DirectClose => Cjt188ValveCommand.Open,
            _ => throw NoCjt188Word(utility, command),
        };
        var sent = await link.SetValveAsync(VirtualMeterOnCjt188.TypeOf(utility), Cjt188Address.From(meter.Value), valve, cancellationToken);
        return sent.Failure switch
        {
            Cjt188LinkFailure.None => true,
            Cjt188LinkFailure.Refused or Cjt188LinkFailure.ValveNotMoved => false,
            _ => throw new LabTargetException($"meter {meter} over CJ/T 188{where}: {sent.Message}"),
        };
    }
}
