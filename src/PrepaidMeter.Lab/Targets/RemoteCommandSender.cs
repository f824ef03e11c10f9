using PrepaidMeter.Core;
using PrepaidMeter.Devices.Link;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Targets;

/// <summary>A remote command to a meter over DL/T 645, as the stack and bench targets send it (the table of commands is the device library's).</summary>
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
}
