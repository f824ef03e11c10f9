using PrepaidMeter.Core;
using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Devices.Link;

/// <summary>
/// A virtual water or gas meter as a CJ/T 188 slave (docs/cjt188.md, "What the virtual meter answers"): 901F reads its
/// volume register, its clock and its status (valve, battery); valve control is its remote command — close as a trip
/// (rule R1), open as a direct close of the remote hold (R3), so a valve held closed for another reason (credit, tamper,
/// a flat battery) stays closed and the reply says so.
/// </summary>
/// <param name="current">The meter the line reaches now.</param>
public sealed class VirtualMeterOnCjt188(Func<VirtualMeter> current, Lock? meterLock = null) : ICjt188Meter
{
    public VirtualMeterOnCjt188(VirtualMeter meter, Lock? meterLock = null)
        : this(() => meter, meterLock)
    {
    }

    private readonly Lock _lock = meterLock ?? new Lock();

    /// <summary>
    /// 901F holds XXXXXX.XX m³: past 999,999.99 m³ the register rolls over to 0, as a mechanical register's drums do
    /// (the meter's own register keeps counting).
    /// </summary>
    public const long RegisterRollsOverAt = 100_000_000;

    /// <summary>Called after every change the link made, so the device can save its NVRAM.</summary>
    public event Action? Changed;

    /// <summary>The meter number as the 14-digit address, zero-filled on the left.</summary>
    public Cjt188Address Address
    {
        get
        {
            lock (_lock)
            {
                return Cjt188Address.From(current().Snapshot().MeterNumber.Value);
            }
        }
    }

    public Cjt188MeterType MeterType
    {
        get
        {
            lock (_lock)
            {
                return TypeOf(current().Model.Utility);
            }
        }
    }

    public Cjt188Status Status
    {
        get
        {
            lock (_lock)
            {
                return StatusOf(current().Snapshot());
            }
        }
    }

    /// <summary>
    /// 901F: the volume register now, and as the settlement reading the same (the virtual meter keeps no settlement day's
    /// reading); the meter's clock; the status. Anything else: no such item.
    /// </summary>
    public Cjt188Value Read(Cjt188DataIdentifier id)
    {
        if (!Cjt188DataIdentifier.MeteringData.Matches(id))
        {
            return Cjt188Value.NoSuchItem;
        }

        MeterSnapshot state;
        lock (_lock)
        {
            state = current().Snapshot();
        }

        var volume = Cjt188Volume.Of(Volume.FromHundredths(VolumeOf(state).Hundredths % RegisterRollsOverAt));
        return Cjt188Value.Of(new Cjt188MeteringData(volume, volume, state.Clock, StatusOf(state)).ToBytes());
    }

    /// <summary>
    /// The command as a remote command, then the meter's clock run (with nothing drawn) until the valve has finished
    /// moving — its travel, and its retries if it is seized — so the reply carries where the valve ended, as a meter
    /// that answers once its motor has stopped. A meter without power does not move its valve.
    /// </summary>
    public Cjt188Status WriteValve(Cjt188ValveCommand command)
    {
        MeterSnapshot state;
        lock (_lock)
        {
            var meter = current();
            ValveControl(meter, command == Cjt188ValveCommand.Close ? RemoteCommand.Trip : RemoteCommand.DirectClose);
            state = meter.Snapshot();
        }

        Changed?.Invoke();
        return StatusOf(state);
    }

    /// <summary>
    /// A valve command as a water or gas meter takes it over CJ/T 188: the remote command (a trip closes, a direct close
    /// opens), then the clock run with nothing drawn until the valve has stopped. The lab's virtual target plays a
    /// scenario's trip and direct close on such a meter through this too, so it comes out as the stack's device does.
    /// </summary>
    /// <returns>
    /// Whether the valve ended where the command asked — what a CJ/T 188 master learns from the status in the reply (a
    /// meter without power, or a valve held closed for credit, tamper or the battery, leaves it elsewhere).
    /// </returns>
    public static bool ValveControl(VirtualMeter meter, RemoteCommand command)
    {
        ArgumentNullException.ThrowIfNull(meter);
        if (command is not (RemoteCommand.Trip or RemoteCommand.DirectClose))
        {
            throw new ArgumentOutOfRangeException(nameof(command), command, "CJ/T 188's valve control is a trip or a direct close.");
        }

        var taken = meter.ApplyRemote(command);
        if (taken && meter.Model.Valve is { } rule)
        {
            for (var waited = TimeSpan.Zero; waited < rule.LongestSettle && Settling(meter.Snapshot()); waited += rule.TravelTime)
            {
                meter.Advance(rule.TravelTime, FlowProfile.None);
            }
        }

        var valve = StatusOf(meter.Snapshot()).Valve;
        return taken && valve == (command == RemoteCommand.Trip ? Cjt188ValveState.Closed : Cjt188ValveState.Open);
    }

    private static bool Settling(MeterSnapshot state) =>
        state.Flow?.Valve is ValvePosition.Closing or ValvePosition.Opening or ValvePosition.OpenAwaitingRetry or ValvePosition.ClosedAwaitingRetry;

    /// <summary>Water as cold water (10H), gas as 30H.</summary>
    /// <exception cref="InvalidOperationException">An electricity meter: it answers DL/T 645, not CJ/T 188.</exception>
    public static Cjt188MeterType TypeOf(Utility utility) => utility switch
    {
        Utility.Water => Cjt188MeterType.ColdWater,
        Utility.Gas => Cjt188MeterType.Gas,
        _ => throw new InvalidOperationException($"An {utility.Name()} meter answers DL/T 645, not CJ/T 188."),
    };

    private static Volume VolumeOf(MeterSnapshot state) =>
        state.Flow?.CumulativeVolume ?? throw new InvalidOperationException($"Meter {state.MeterNumber} measures no volume.");

    /// <summary>
    /// The valve bits as the valve is: open or closed at its end stop; a moving valve at the end it left (a move is whole,
    /// rule V3); a move that did not happen (awaiting a retry, or stuck) abnormal. D2 is the battery at or under its low level.
    /// </summary>
    public static Cjt188Status StatusOf(MeterSnapshot state)
    {
        var parts = state.Flow;
        var valve = parts?.Valve switch
        {
            ValvePosition.Open or ValvePosition.Closing => Cjt188ValveState.Open,
            ValvePosition.Closed or ValvePosition.Opening => Cjt188ValveState.Closed,
            ValvePosition.OpenAwaitingRetry or ValvePosition.ClosedAwaitingRetry or ValvePosition.StuckOpen or ValvePosition.StuckClosed => Cjt188ValveState.Abnormal,
            null => state.Relay == RelayState.Open ? Cjt188ValveState.Closed : Cjt188ValveState.Open,
            _ => throw new InvalidOperationException($"Valve position {parts?.Valve} has no CJ/T 188 status."),
        };
        return Cjt188Status.Of(valve, parts?.Battery is BatteryLevel.Low or BatteryLevel.Critical);
    }
}
