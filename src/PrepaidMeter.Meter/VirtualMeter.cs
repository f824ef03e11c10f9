using System.Globalization;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter;

/// <summary>
/// The reference model of a prepaid meter's firmware (docs/meter-rules.md). Intent methods —
/// <see cref="InsertCard"/>, <see cref="Advance"/>, <see cref="ApplyRemote"/>, <see cref="CutPower"/>,
/// <see cref="Restore"/> — apply the rules; its state is the registers, committed to an NVRAM image
/// after every operation. The meter keeps its own clock, moved only by <see cref="Advance"/>, so every
/// run is reproducible. It never references the back office: it meets it only through card images.
/// </summary>
public sealed partial class VirtualMeter
{
    private MeterRegisters _registers;
    private readonly SupplyGroupKeys _keys;
    // The registers as of the last commit (rule N1). A commit keeps a copy rather than the byte image, so
    // the image is written only when asked for (SaveNvram); a power cut restores the copy, the same state
    // the image holds (Nvram's round trip is tested on its own).
    private readonly MeterRegisters _committed;
    private List<MeterEvent>? _collecting;
    private byte[] _cardScratch = [];

    // The card MAC's state over the bytes a return-write leaves alone, from the decode to the write-back.
    private readonly MacPrefix _macPrefix = new();

    // Hashed once: the model never changes under a meter, and a snapshot is taken after every step of a run.
    private readonly string _modelSha256;

    private VirtualMeter(MeterModel model, MeterRegisters registers)
    {
        Model = model;
        _modelSha256 = model.Sha256;
        _registers = registers;
        _keys = SupplyGroupKeys.FromStored(registers.MacKey, registers.Psc);
        BuildMachines();
        BuildParts(registers.Parts, registers.Clock);
        _registers.Parts = SaveParts();
        _committed = _registers.Copy();
    }

    public MeterModel Model { get; }

    /// <summary>False between <see cref="CutPower"/> and <see cref="Restore"/>.</summary>
    public bool IsPowered { get; private set; } = true;

    public DateTimeOffset Clock => _registers.Clock;

    /// <summary>A new meter (rule L1): made for one supply group, whose keys it holds; the clock from <paramref name="time"/>.</summary>
    public static VirtualMeter Create(MeterModel model, MeterNumber number, SupplyGroupCode group, SupplyGroupKeys keys, TimeProvider time) =>
        Create(model, number, group, keys, time, null);

    /// <summary>
    /// A new meter (rules L1, TK1); a token meter gets its STS identity and decoder key from <paramref name="token"/>, as
    /// a real one gets them at manufacture.
    /// </summary>
    /// <exception cref="ArgumentException">A token model without <paramref name="token"/>, or the other way round, or a key of another algorithm.</exception>
    public static VirtualMeter Create(MeterModel model, MeterNumber number, SupplyGroupCode group, SupplyGroupKeys keys, TimeProvider time, Tokens.TokenInstall? token)
    {
        ArgumentNullException.ThrowIfNull(model);
        if ((model.Token is not null) != (token is not null))
        {
            throw new ArgumentException($"model {model.Id} {(model.Token is null ? "takes no tokens" : "takes tokens and needs their identity and key")}", nameof(token));
        }

        if (token is not null && token.Key.Algorithm != model.Token!.Algorithm)
        {
            throw new ArgumentException($"a {token.Key.Algorithm} key for a {model.Token.Algorithm} meter", nameof(token));
        }

        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var registers = new MeterRegisters
        {
            ModelId = model.Id,
            MeterNumber = number,
            SupplyGroup = group,
            MacKey = keys.MacKey.ToArray(),
            Psc = keys.Psc.ToArray(),
            Clock = now,
            Month = MonthOf(now),
            MonthEnergyByPeriod = new long[(model.Tariff as Core.Pricing.TimeOfUseTariff)?.Periods.Count ?? 0],
            Tokens = token is null ? null : Tokens.TokenMemory.Installed(token.Identity, token.Key),
        };
        ResetToNew(model, registers, keepEnergy: false);
        var meter = new VirtualMeter(model, registers);
        meter.StartInPresetState();
        meter.Commit();
        return meter;
    }

    /// <summary>
    /// A meter from its NVRAM image, with the model the image keeps (rule N1: no file needed). An image that keeps no
    /// model — version 1, or a meter of a model built in code — names it by id, and <paramref name="models"/> looks it up.
    /// </summary>
    public static string? TryLoad(byte[] nvram, Func<string, MeterModel?> models, out VirtualMeter? meter)
    {
        ArgumentNullException.ThrowIfNull(models);
        meter = null;
        if (Nvram.TryRead(nvram, out var registers, out var kept) is { } error)
        {
            return error;
        }

        var state = registers!;
        if ((kept ?? models(state.ModelId)) is not { } model)
        {
            return $"the NVRAM names model '{state.ModelId}', which is not known (the image does not keep it)";
        }

        meter = new VirtualMeter(model, state);
        return null;
    }

    /// <summary>The PSC the meter presents to an SLE4442 before writing its return-write (a reader-driven meter needs it).</summary>
    public ReadOnlyMemory<byte> CardPsc => _keys.Psc;

    /// <summary>The last committed NVRAM image, the model it was made from inside (rule N1).</summary>
    public byte[] SaveNvram() => Nvram.Write(Model, _committed);

    public MeterSnapshot Snapshot() => new(
        Model.Id, _modelSha256, _registers.MeterNumber, _registers.SupplyGroup, _registers.LifeCycle, _registers.CreditState, _registers.Relay, _registers.OpenReasons,
        // A water or gas meter's register counts volume: its snapshot says so in Flow, and no energy.
        new(Model.CreditUnit, _registers.Remaining), !MeasuresFlow ? Energy.FromHundredths(_registers.CumulativeEnergy) : Energy.Zero, new(Model.CreditUnit, _registers.CumulativeLoaded),
        new(Model.CreditUnit, _registers.CreditConsumed), new(Model.CreditUnit, _registers.TransferredOut),
        new(Model.CreditUnit, _registers.EmergencyOutstanding), new(Model.CreditUnit, _registers.EmergencyBorrowedTotal), new(Model.CreditUnit, _registers.EmergencyRepaidTotal),
        Model.PresetCredit, _registers.PurchaseCount, _registers.LastCardSerial, _registers.Customer, _registers.IllegalCards, _registers.Parameters,
        _registers.KeepPowerOn, _registers.AlarmOn, _registers.Clock, IsPowered, _registers.Events.ToArray())
    {
        Flow = PartsSnapshot(),
        Token = TokenSide(),
    };

    /// <summary>Rule N3: power goes; whatever was not committed is lost.</summary>
    public void CutPower()
    {
        if (!IsPowered)
        {
            return;
        }

        IsPowered = false;
        ReloadCommitted();
    }

    /// <summary>Rule N3: power returns; the meter restarts from its last committed image.</summary>
    public void Restore()
    {
        if (IsPowered)
        {
            return;
        }

        ReloadCommitted();
        IsPowered = true;
        UnlockKeypadOnPowerUp();
        AddEvent(MeterEventKind.PowerRestored, "restarted from NVRAM");
        Commit();
    }

    /// <summary>Rules R1–R5; false when the meter has no power.</summary>
    public bool ApplyRemote(RemoteCommand command)
    {
        if (!IsPowered)
        {
            return false;
        }

        switch (command)
        {
            case RemoteCommand.Trip:
                SetReason(OpenReasons.Remote, true);
                break;
            case RemoteCommand.ClosePermitted:
                if ((_registers.OpenReasons & OpenReasons.Remote) != 0)
                {
                    _registers.OpenReasons |= OpenReasons.RemoteAwaitingCard;
                    SetReason(OpenReasons.Remote, false);
                }

                break;
            case RemoteCommand.DirectClose:
                _registers.OpenReasons &= ~OpenReasons.RemoteAwaitingCard;
                SetReason(OpenReasons.Remote, false);
                break;
            case RemoteCommand.AlarmOn or RemoteCommand.AlarmOff:
                _registers.AlarmOn = command == RemoteCommand.AlarmOn;
                break;
            case RemoteCommand.KeepPowerOn or RemoteCommand.KeepPowerOff:
                _registers.KeepPowerOn = command == RemoteCommand.KeepPowerOn;
                Reclassify();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown remote command.");
        }

        AddEvent(MeterEventKind.Remote, command.ToString());
        Commit();
        return true;
    }

    /// <summary>
    /// Rules L1, L4: a new meter starts in the credit state its preset puts it in, without entering it —
    /// a preset at or below alarm 2 counts as already warned, so the relay does not trip on installation.
    /// </summary>
    private void StartInPresetState()
    {
        _registers.CreditState = Classify();
        _registers.Alarm2Tripped = _registers.Remaining <= _registers.Parameters.Alarm2.Hundredths;
        Reclassify();
    }

    /// <summary>Whatever was not committed is lost: the registers become the last committed image again.</summary>
    private void ReloadCommitted()
    {
        // A seized valve is a fault of the hardware, not of the memory: a power cut neither frees nor seizes it.
        var seized = _valve?.IsSeized;
        _registers = _committed.Copy();
        BuildParts(_registers.Parts, _registers.Clock);
        if (seized is { } stuck && _valve is { } valve)
        {
            if (stuck) { valve.Seize(); } else { valve.Free(); }
        }
    }

    private void Commit()
    {
        _registers.Parts = SaveParts();
        _registers.CopyTo(_committed);
    }

    private void AddEvent(MeterEventKind kind, string detail) => AddEvent(new MeterEvent(_registers.Clock, kind, detail));

    private void AddEvent(MeterEvent entry)
    {
        _registers.Events = _registers.Events.Add(entry, Model.EventLogDepth);

        _collecting?.Add(entry);
    }

    private string Amount(long hundredths) => new CreditAmount(Model.CreditUnit, hundredths).ToString();

    private static int MonthOf(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return (utc.Year * 12) + utc.Month - 1;
    }

    /// <summary>Rules L1, L4, L5: the new-meter state; the clock, the event log and (zero card) cumulative energy are kept.</summary>
    private static void ResetToNew(MeterModel model, MeterRegisters r, bool keepEnergy)
    {
        r.Remaining = model.PresetCredit.Hundredths;
        r.CumulativeLoaded = 0;
        r.CreditConsumed = 0;
        r.TransferredOut = 0;
        r.EmergencyOutstanding = 0;
        r.EmergencyBorrowedTotal = 0;
        r.EmergencyRepaidTotal = 0;
        r.PurchaseCount = PurchaseCount.Zero;
        r.LastCardSerial = default;
        r.Customer = default;
        r.IllegalCards = 0;
        r.Parameters = model.Defaults;
        r.Alarm2Tripped = false;
        r.KeepPowerOn = false;
        r.AlarmOn = false;
        r.OpenReasons = OpenReasons.None;
        r.OverPowerSince = null;
        r.ReconnectAt = null;
        r.TripsToday = 0;
        // The TID memory and the key survive a clear card (else a cleared meter would take its old tokens again); the
        // credit a token cleared starts again from zero with the other credit totals.
        if (r.Tokens is { } tokens)
        {
            r.Tokens = tokens with { ClearedCredit = 0 };
        }

        if (!keepEnergy)
        {
            r.CumulativeEnergy = 0;
            r.WattSecondsCarry = 0;
            r.MonthEnergy = 0;
            r.MonthCharged = 0;
            Array.Clear(r.MonthEnergyByPeriod);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Model.Id} {_registers.MeterNumber} {_registers.LifeCycle} {_registers.Relay}");
}
