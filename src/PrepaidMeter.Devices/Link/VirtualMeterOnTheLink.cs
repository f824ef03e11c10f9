using PrepaidMeter.Core;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Devices.Link;

/// <summary>
/// The virtual meter as a DL/T 645 slave (docs/dlt645.md): reads come from its registers, control
/// commands are its remote commands (rules R1–R5), refused once their valid-until time has passed by the
/// meter's clock. Writes are refused as unauthorised: this reference meter takes its parameters from set
/// cards only (rule L2). Broadcast time is acknowledged silently
/// and changes nothing, because the meter's clock is the simulation's (rule K1).
/// </summary>
/// <param name="current">The meter the line reaches now (a lab device may be given another between scenarios).</param>
public sealed class VirtualMeterOnTheLink(Func<VirtualMeter> current, byte[] password, Lock? meterLock = null) : IDlt645Meter
{
    public VirtualMeterOnTheLink(VirtualMeter meter, byte[] password, Lock? meterLock = null)
        : this(() => meter, password, meterLock)
    {
    }

    /// <summary>The control password a virtual meter device takes unless told otherwise: level 02, password 000000.</summary>
    public const string DefaultPassword = "02000000";

    // A device that also takes cards shares the meter with its card loop.
    private readonly Lock _lock = meterLock ?? new Lock();

    /// <summary>Called after every change the link made, so the device can save its NVRAM.</summary>
    public event Action? Changed;

    public Dlt645Address Address
    {
        get
        {
            lock (_lock)
            {
                return Dlt645Address.From(current().Snapshot().MeterNumber.Value);
            }
        }
    }

    public Dlt645Value Read(DataIdentifier id)
    {
        MeterSnapshot state;
        lock (_lock)
        {
            state = current().Snapshot();
        }

        var (energyCredit, moneyCredit) = CreditRegisters(state.Remaining.Unit);
        var credit = energyCredit || moneyCredit;
        var remaining = state.Remaining.Hundredths;
        var item = PrepaidItems.Find(id);
        long? value = item switch
        {
            null => null,
            _ when item == PrepaidItems.TotalEnergy => state.CumulativeEnergy.Hundredths,
            _ when item == PrepaidItems.RemainingEnergy => energyCredit ? Math.Max(remaining, 0) : null,
            _ when item == PrepaidItems.OverdraftEnergy => energyCredit ? Math.Max(-remaining, 0) : null,
            _ when item == PrepaidItems.RemainingAmount => moneyCredit ? Math.Max(remaining, 0) : null,
            _ when item == PrepaidItems.OverdraftAmount => moneyCredit ? Math.Max(-remaining, 0) : null,
            _ when item == PrepaidItems.PurchaseCount => state.PurchaseCount.Value % 10_000,
            _ when item == PrepaidItems.Alarm1 => credit ? state.Parameters.Alarm1.Hundredths : null,
            _ when item == PrepaidItems.Alarm2 => credit ? state.Parameters.Alarm2.Hundredths : null,
            _ when item == PrepaidItems.OverdraftLimit => credit ? state.Parameters.OverdraftLimit.Hundredths : null,
            _ when item == PrepaidItems.HoardingLimit => credit ? state.Parameters.PurchaseLimit.Hundredths : null,
            _ when item == PrepaidItems.RunStatus3 => (long)StatusWord(state),
            _ when item == PrepaidItems.Date => Dlt645Clock.Values(state.Clock).Date,
            _ when item == PrepaidItems.Time => Dlt645Clock.Values(state.Clock).Time,
            _ => null,
        };
        if (value is not { } v)
        {
            return Dlt645Value.Refused(Dlt645Errors.NoSuchData);
        }

        var bytes = new byte[item!.Length];
        return item.TryEncode(v, bytes) ? Dlt645Value.Of(bytes) : Dlt645Value.Refused(Dlt645Errors.Other);
    }

    /// <summary>
    /// Which DL/T 645 credit registers the meter's credit is in: energy's or money's. A meter counting m³ (a water or gas
    /// meter, issue 25; it answers CJ/T 188) has neither, so its credit and its limits answer "no such data" and status
    /// word 3 names no meter kind, rather than a volume read as kWh or money.
    /// </summary>
    private static (bool Energy, bool Money) CreditRegisters(CreditUnit unit) => unit switch
    {
        CreditUnit.Energy => (true, false),
        CreditUnit.Money => (false, true),
        CreditUnit.Volume => (false, false),
        _ => throw new InvalidOperationException($"Not a credit unit: {(byte)unit}."),
    };

    /// <summary>
    /// Run status word 3 as docs/dlt645.md says: relay, relay command, pre-trip alarm, meter kind. The pre-trip alarm holds
    /// while the credit is at or under alarm level 2 — alarm 2, and on below it into overdraft and exhaustion, where the
    /// meter keeps alarming — or the remote alarm is on.
    /// </summary>
    private static RunStatus3 StatusWord(MeterSnapshot state)
    {
        var (energyCredit, moneyCredit) = CreditRegisters(state.Remaining.Unit);
        var word = energyCredit ? RunStatus3.EnergyPrepaid : moneyCredit ? RunStatus3.MoneyPrepaid : RunStatus3.None;
        if (state.Relay == RelayState.Open)
        {
            word |= RunStatus3.RelayOpen;
        }

        if ((state.OpenReasons & (OpenReasons.Remote | OpenReasons.RemoteAwaitingCard)) != 0)
        {
            word |= RunStatus3.RelayCommandedOpen;
        }

        if (state.AlarmOn || state.CreditState is CreditState.Alarm2 or CreditState.Overdraft or CreditState.Exhausted)
        {
            word |= RunStatus3.PreTripAlarm;
        }

        return word;
    }

    public Dlt645Errors Write(DataIdentifier id, ReadOnlySpan<byte> authority, ReadOnlySpan<byte> value) => Dlt645Errors.Unauthorised;

    public Dlt645Errors Control(Dlt645ControlCommand command, ReadOnlySpan<byte> authority, DateTimeOffset validUntil)
    {
        if (!authority[..4].SequenceEqual(password))
        {
            return Dlt645Errors.Unauthorised;
        }

        var remote = RemoteOnTheLink.FromLink(command);
        bool applied;
        lock (_lock)
        {
            // DL/T 645-2007: a control command carries the time it is valid until; past it, by the meter's clock, the meter
            // does not carry it out (a command delayed on the line, or replayed, must not trip a customer).
            if (validUntil < current().Snapshot().Clock)
            {
                return Dlt645Errors.Other;
            }

            applied = current().ApplyRemote(remote);
        }

        if (!applied)
        {
            return Dlt645Errors.Other; // no power: a real meter would not answer at all
        }

        Changed?.Invoke();
        return Dlt645Errors.None;
    }

    public void SetTime(DateTimeOffset time)
    {
    }
}
