using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Lab.Scenarios;

/// <summary>
/// What must hold after a step. Every part is optional; a part that is set is checked. Amounts are
/// hundredths of the meter's credit unit; counts are plain numbers.
/// </summary>
public sealed record Expectation
{
    public static readonly Expectation None = new();

    /// <summary>The counter step must be refused for this reason. Without it a refusal fails the step.</summary>
    public RefusalReason? Refused { get; init; }

    /// <summary>The meter's result code for the card this step inserted.</summary>
    public MeterResult? Result { get; init; }

    public RelayState? Relay { get; init; }

    /// <summary>Exactly these reasons hold the relay open (none: the relay is closed).</summary>
    public OpenReasons? OpenReasons { get; init; }

    public long? Remaining { get; init; }

    /// <summary>How much the step changed the remaining register (after − before): a load checked without knowing the balance.</summary>
    public long? RemainingChange { get; init; }

    /// <summary>The meter's cumulative energy register, hundredths of a kWh.</summary>
    public long? CumulativeEnergy { get; init; }

    /// <summary>The meter's purchase count: how many purchases it has loaded.</summary>
    public uint? PurchaseCount { get; init; }

    public CreditState? CreditState { get; init; }

    public LifeCycle? LifeCycle { get; init; }

    public uint? IllegalCards { get; init; }

    /// <summary>The alarm flag a remote alarm-on sets and alarm-off clears (rule R5).</summary>
    public bool? Alarm { get; init; }

    /// <summary>The user card in hand: the purchase count it carries.</summary>
    public uint? CardPurchaseCount { get; init; }

    /// <summary>The user card in hand: the purchase count the meter last wrote back onto it.</summary>
    public uint? CardLoadedCount { get; init; }

    /// <summary>The user card in hand: the remaining credit the meter last wrote back onto it.</summary>
    public long? CardRemaining { get; init; }

    /// <summary>The user card in hand: its card serial (a reissue gives a new one).</summary>
    public uint? CardSerial { get; init; }

    /// <summary>The user card in hand: the meter that last wrote back onto it (a meter change moves it).</summary>
    public MeterNumber? CardMeter { get; init; }

    /// <summary>The user card in hand: the meter's cumulative energy as it last wrote it back, hundredths of a kWh.</summary>
    public long? CardCumulativeEnergy { get; init; }

    /// <summary>The user card in hand: exactly these return-write status bits are set (none: an empty list).</summary>
    public ReturnWriteStatus? CardStatus { get; init; }

    /// <summary>
    /// The takings' credit so far: the sum of the credit on the committed receipts of openings, sales and
    /// corrections, in hundredths of the model's unit (docs/reports.md, "What the numbers are").
    /// </summary>
    public long? Sold { get; init; }

    /// <summary>The takings' money so far: what was paid on those receipts, arrears collected included, in hundredths.</summary>
    public long? Collected { get; init; }

    /// <summary>How many receipts the back office has issued (sales, openings, corrections, transfers).</summary>
    public int? Receipts { get; init; }

    /// <summary>How many card writes the back office holds pending (a pulled card, a power cut at the counter), waiting for recovery.</summary>
    public int? PendingWrites { get; init; }

    /// <summary>
    /// The back office's last reading of the step's meter (readMeter's meter, otherwise the account's): the purchase count
    /// the meter had loaded. After a meter change, the old meter's final reading is the one its meter-change card brought back.
    /// </summary>
    public uint? RecordedLoadedCount { get; init; }

    /// <summary>The back office's last reading of the step's meter: the remaining credit it recorded.</summary>
    public long? RecordedRemaining { get; init; }

    /// <summary>The back office's last reading of the step's meter: the cumulative energy it recorded, hundredths of a kWh.</summary>
    public long? RecordedCumulativeEnergy { get; init; }

    /// <summary>A water or gas meter's valve: where it is (open, closing, closed, opening, awaiting a retry, stuck).</summary>
    public ValvePosition? Valve { get; init; }

    /// <summary>The valve's stuck alarm (V6): on until a move succeeds.</summary>
    public bool? ValveAlarm { get; init; }

    /// <summary>How many times the valve's motor has run, retries and exercises included (V14).</summary>
    public int? ValveMotorRuns { get; init; }

    /// <summary>The battery's level: normal, low (B2) or critical (B3).</summary>
    public BatteryLevel? Battery { get; init; }

    /// <summary>The battery's voltage, millivolts.</summary>
    public int? BatteryMillivolts { get; init; }

    /// <summary>Exactly these tamper flags are latched (none: an empty list) — T1–T4.</summary>
    public TamperFlags? TamperLatched { get; init; }

    /// <summary>Exactly these attacks are on now (a magnet at the sensor, the case open).</summary>
    public TamperFlags? TamperActive { get; init; }

    /// <summary>The leak flag (W2, W3).</summary>
    public bool? Leaking { get; init; }

    /// <summary>A water or gas meter's volume register, hundredths of a m³ (M1).</summary>
    public long? CumulativeVolume { get; init; }

    /// <summary>The meter's response to the step's last token entry (rule TK3).</summary>
    public Meter.Tokens.TokenResponse? Token { get; init; }

    /// <summary>The meter's response to every token entry of the step, in order.</summary>
    public IReadOnlyList<Meter.Tokens.TokenResponse>? Tokens { get; init; }

    /// <summary>What the meter's display showed after the step's last token entry ("Accept", "PLS 2nd", "Used").</summary>
    public string? Display { get; init; }

    /// <summary>How many TIDs the token meter's TID memory holds (rule TK5).</summary>
    public int? TidsKept { get; init; }

    /// <summary>The token meter's key revision number (KRN, rule TK12).</summary>
    public int? KeyRevision { get; init; }

    /// <summary>The token meter's base date, a year: 1993, 2014 or 2035 (rule TK12).</summary>
    public int? BaseDate { get; init; }

    /// <summary>The token meter's key expiry number (KEN).</summary>
    public int? KeyExpiry { get; init; }

    /// <summary>Event kinds the meter must have logged during this step.</summary>
    public IReadOnlyList<MeterEventKind>? Events { get; init; }
}
