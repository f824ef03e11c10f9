using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;

namespace PrepaidMeter.Meter.State;

/// <summary>
/// Everything the meter keeps in NVRAM. Amounts are hundredths of the model's credit unit; energy is
/// hundredths of a kWh. Mutable, private to the meter; <see cref="Nvram"/> writes and reads it whole.
/// </summary>
internal sealed class MeterRegisters
{
    public required string ModelId { get; set; }

    public MeterNumber MeterNumber { get; set; }

    public SupplyGroupCode SupplyGroup { get; set; }

    public byte[] MacKey { get; set; } = new byte[32];

    public byte[] Psc { get; set; } = new byte[3];

    public LifeCycle LifeCycle { get; set; }

    public CreditState CreditState { get; set; }

    public RelayState Relay { get; set; }

    public OpenReasons OpenReasons { get; set; }

    public long Remaining { get; set; }

    public long CumulativeEnergy { get; set; }

    public long CumulativeLoaded { get; set; }

    public long CreditConsumed { get; set; }

    public long TransferredOut { get; set; }

    public long EmergencyOutstanding { get; set; }

    public long EmergencyBorrowedTotal { get; set; }

    public long EmergencyRepaidTotal { get; set; }

    public PurchaseCount PurchaseCount { get; set; }

    public CardSerial LastCardSerial { get; set; }

    public CustomerNumber Customer { get; set; }

    public uint IllegalCards { get; set; }

    public MeterParameters Parameters { get; set; }

    /// <summary>Alarm 2 has tripped and credit has not been above alarm 2 since (rule A2: once).</summary>
    public bool Alarm2Tripped { get; set; }

    public bool KeepPowerOn { get; set; }

    public bool AlarmOn { get; set; }

    public DateTimeOffset Clock { get; set; }

    /// <summary>Watt-seconds drawn but not yet a whole hundredth of a kWh (rule K1).</summary>
    public long WattSecondsCarry { get; set; }

    /// <summary>The calendar month (year × 12 + month − 1) the next two registers are for.</summary>
    public int Month { get; set; }

    public long MonthEnergy { get; set; }

    /// <summary>The tariff's price of <see cref="MonthEnergy"/>: what has been charged this month (rule K2).</summary>
    public long MonthCharged { get; set; }

    /// <summary>When the load first went over the power limit without a break (rule P1); null when it is not over.</summary>
    public DateTimeOffset? OverPowerSince { get; set; }

    /// <summary>When an over-power or malignant-load trip reconnects (rules P2, P4).</summary>
    public DateTimeOffset? ReconnectAt { get; set; }

    /// <summary>Over-power trips in the UTC day <see cref="TripsDay"/> (rule P3).</summary>
    public int TripsToday { get; set; }

    public int TripsDay { get; set; }

    /// <summary>This month's energy in each time-of-use period of the meter's tariff (empty for other tariffs).</summary>
    public long[] MonthEnergyByPeriod { get; set; } = [];

    /// <summary>A water or gas meter's parts as of the last commit (valve, battery, tamper, flow); null on a meter without them.</summary>
    public PartsMemory? Parts { get; set; }

    /// <summary>A token meter's STS state (rules TK); null on a card-only meter. Immutable, so copies share it.</summary>
    public Tokens.TokenMemory? Tokens { get; set; }

    /// <summary>The event ring, oldest first; an immutable value, so copies share it.</summary>
    public EventRing Events { get; set; }

    /// <summary>
    /// A copy that shares nothing mutable with this one: what a commit keeps and a power cut restores.
    /// The keys are shared because nothing writes into them after the meter is made, the event ring
    /// because it is an immutable value (<see cref="EventRing"/>).
    /// </summary>
    public MeterRegisters Copy()
    {
        var copy = new MeterRegisters { ModelId = ModelId };
        CopyTo(copy);
        return copy;
    }

    /// <summary>
    /// Writes this state over <paramref name="target"/>, sharing what <see cref="Copy"/> shares: a commit into
    /// the copy the meter keeps, so committing after every card and every step allocates nothing. A test checks
    /// that every register is copied.
    /// </summary>
    public void CopyTo(MeterRegisters target)
    {
        target.ModelId = ModelId;
        target.MeterNumber = MeterNumber;
        target.SupplyGroup = SupplyGroup;
        target.MacKey = MacKey;
        target.Psc = Psc;
        target.LifeCycle = LifeCycle;
        target.CreditState = CreditState;
        target.Relay = Relay;
        target.OpenReasons = OpenReasons;
        target.Remaining = Remaining;
        target.CumulativeEnergy = CumulativeEnergy;
        target.CumulativeLoaded = CumulativeLoaded;
        target.CreditConsumed = CreditConsumed;
        target.TransferredOut = TransferredOut;
        target.EmergencyOutstanding = EmergencyOutstanding;
        target.EmergencyBorrowedTotal = EmergencyBorrowedTotal;
        target.EmergencyRepaidTotal = EmergencyRepaidTotal;
        target.PurchaseCount = PurchaseCount;
        target.LastCardSerial = LastCardSerial;
        target.Customer = Customer;
        target.IllegalCards = IllegalCards;
        target.Parameters = Parameters;
        target.Alarm2Tripped = Alarm2Tripped;
        target.KeepPowerOn = KeepPowerOn;
        target.AlarmOn = AlarmOn;
        target.Clock = Clock;
        target.WattSecondsCarry = WattSecondsCarry;
        target.Month = Month;
        target.MonthEnergy = MonthEnergy;
        target.MonthCharged = MonthCharged;
        target.OverPowerSince = OverPowerSince;
        target.ReconnectAt = ReconnectAt;
        target.TripsToday = TripsToday;
        target.TripsDay = TripsDay;
        target.Events = Events;
        target.Parts = Parts;
        target.Tokens = Tokens;
        // The one array a copy must not share (the keys are never written after the meter is made).
        if (target.MonthEnergyByPeriod.Length != MonthEnergyByPeriod.Length)
        {
            target.MonthEnergyByPeriod = new long[MonthEnergyByPeriod.Length];
        }

        MonthEnergyByPeriod.CopyTo(target.MonthEnergyByPeriod, 0);
    }
}
