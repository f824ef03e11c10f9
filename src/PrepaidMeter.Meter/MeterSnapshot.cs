using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter;

/// <summary>
/// What `prepaid meter show` prints and tests read: the model — its id and the SHA-256 of the file it was made from
/// (<see cref="Models.MeterModel.Sha256"/>), which model exactly — every register, the relay and why, the event ring.
/// </summary>
public sealed record MeterSnapshot(
    string ModelId,
    string ModelSha256,
    MeterNumber MeterNumber,
    SupplyGroupCode SupplyGroup,
    LifeCycle LifeCycle,
    CreditState CreditState,
    RelayState Relay,
    OpenReasons OpenReasons,
    CreditAmount Remaining,
    Energy CumulativeEnergy,
    CreditAmount CumulativeLoaded,
    CreditAmount CreditConsumed,
    CreditAmount TransferredOut,
    CreditAmount EmergencyOutstanding,
    CreditAmount EmergencyBorrowedTotal,
    CreditAmount EmergencyRepaidTotal,
    CreditAmount PresetCredit,
    PurchaseCount PurchaseCount,
    CardSerial LastCardSerial,
    CustomerNumber Customer,
    uint IllegalCards,
    MeterParameters Parameters,
    bool KeepPowerOn,
    bool AlarmOn,
    DateTimeOffset Clock,
    bool Powered,
    IReadOnlyList<MeterEvent> Events)
{
    /// <summary>A water or gas meter's volume, valve, battery, tamper and leak registers; null for an electricity meter.</summary>
    public FlowSideSnapshot? Flow { get; init; }

    /// <summary>A token meter's STS identity, TID memory, keypad lock-out and management values (never its key); null for a card-only meter.</summary>
    public Tokens.TokenSnapshot? Token { get; init; }

    /// <summary>
    /// The conservation identity the model-based test checks after every step:
    /// remaining = preset + loaded + emergency borrowed − emergency repaid − consumed − transferred out − cleared by a token.
    /// </summary>
    public bool Conserves => Remaining.Hundredths == PresetCredit.Hundredths + CumulativeLoaded.Hundredths + EmergencyBorrowedTotal.Hundredths
        - EmergencyRepaidTotal.Hundredths - CreditConsumed.Hundredths - TransferredOut.Hundredths - (Token?.ClearedCredit.Hundredths ?? 0);
}
