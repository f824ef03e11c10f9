using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter;

public sealed partial class VirtualMeter
{
    /// <summary>
    /// Processes a card as the firmware would (rules C, U, T, L, E) and writes the return-write back into
    /// <paramref name="image"/> where the kind takes one.
    /// </summary>
    public CardOutcome InsertCard(Span<byte> image) => InsertCard(image, PowerCut.None);

    /// <summary>As <see cref="InsertCard(Span{byte}, PowerCut)"/>, with the cut named as scenario files and the lab name it.</summary>
    public CardOutcome InsertCard(Span<byte> image, PowerCutPoint cut) => InsertCard(image, PowerCut.From(cut));

    /// <summary>
    /// Processes a card as the firmware would (rules C, U, T, L, E) and writes the return-write back into
    /// <paramref name="image"/> where the kind takes one. The test harness may cut power at any write step of
    /// the handling (rule N2); the outcome is then <see cref="MeterResult.PowerCut"/>, the meter is off and
    /// <paramref name="image"/> holds what landed on the card.
    /// </summary>
    public CardOutcome InsertCard(Span<byte> image, PowerCut cut)
    {
        if (!IsPowered)
        {
            return new(MeterResult.PowerOff, null, "the meter has no power");
        }

        if (!Model.TakesCards)
        {
            return Refuse(MeterResult.BadCard, null, "this meter has no card reader (a token-only model)");
        }

        var layout = Model.LayoutFor(image);
        var decoded = layout.Decode(image, _keys, _macPrefix);
        if (!decoded.Success)
        {
            return Refuse(MeterResult.BadCard, null, decoded.Fault.ToString(), decoded.Fault);
        }

        var card = decoded.Record;
        var decision = card.Kind switch
        {
            CardKind.Blank => Refused(MeterResult.BlankCard, "a blank card carries nothing"),
            _ when card.SupplyGroup != _registers.SupplyGroup => Refused(MeterResult.WrongGroup, $"card of supply group {card.SupplyGroup}, meter of {_registers.SupplyGroup}"),
            _ when !FitsThisMeter(card) => Refused(MeterResult.WrongMeter, $"card for meter {card.MeterNumber}, this is {_registers.MeterNumber}"),
            _ when CarriesCredit(card.Kind) && card.CreditUnit != Model.CreditUnit => Refused(MeterResult.BadCard, $"the card counts in {card.CreditUnit}, the meter in {Model.CreditUnit}"),
            CardKind.Set => ApplySetCard(card),
            CardKind.Clear or CardKind.Zero => ApplyClear(card.Kind == CardKind.Zero),
            CardKind.Check => new Decision(MeterResult.Read, "registers written onto the card", WriteBack: true),
            CardKind.Test => RunTest(),
            CardKind.MeterChange => TransferOut(),
            CardKind.User => ApplyUserCard(card),
            _ => throw new InvalidOperationException($"Card kind {card.Kind} has no rule."),
        };

        if (decision.Result == MeterResult.CountOutOfSequence)
        {
            _registers.IllegalCards++;
        }

        AddEvent(MeterEvent.CardInserted(_registers.Clock, card.Kind, card.CardSerial, decision.Result));
        return Finish(card, layout, decision, image, cut);
    }

    /// <param name="TransferOut">Credit to move off the meter once the return-write block has been taken (rule T3).</param>
    private readonly record struct Decision(MeterResult Result, string Detail, bool WriteBack = false, ReturnWriteStatus Flags = ReturnWriteStatus.None, long? TransferOut = null);

    private static Decision Refused(MeterResult result, string detail) => new(result, detail);

    private static bool CarriesCredit(CardKind kind) => kind is CardKind.User or CardKind.Set or CardKind.MeterChange or CardKind.Check;

    /// <summary>Rule C3: user and meter-change cards name this meter; tool cards may say 0 for any meter.</summary>
    private bool FitsThisMeter(CardRecord card) => card.Kind switch
    {
        CardKind.User or CardKind.MeterChange => card.MeterNumber == _registers.MeterNumber,
        CardKind.Set or CardKind.Clear or CardKind.Zero or CardKind.Check => card.MeterNumber == _registers.MeterNumber || card.MeterNumber == default,
        _ => true,
    };

    private CardOutcome Refuse(MeterResult result, CardKind? kind, string detail, Cards.Codec.CardFault? fault = null)
    {
        AddEvent(MeterEventKind.CardInserted, $"{(kind?.ToString() ?? "unreadable")} card: {result}");
        Commit();
        return new(result, kind, detail, fault);
    }

    /// <summary>Rule L2.</summary>
    private Decision ApplySetCard(CardRecord card)
    {
        var parameters = card.Parameters!.Value;
        if (MeterParameterRules.Problem(parameters) is { } problem)
        {
            return Refused(MeterResult.BadParameters, problem);
        }

        _registers.Parameters = parameters;
        _life.Fire(LifeTrigger.SetCard);
        ClearTamperByToolCard();
        Reclassify();
        return new(MeterResult.Configured, $"alarm1 {parameters.Alarm1}, alarm2 {parameters.Alarm2}, overdraft {parameters.OverdraftLimit}, limit {parameters.PurchaseLimit}");
    }

    /// <summary>Rules L4, L5.</summary>
    private Decision ApplyClear(bool keepEnergy)
    {
        ResetToNew(Model, _registers, keepEnergy);
        // A clear card wipes the credit side, not what the parts see: a latched tamper and a flat battery still hold.
        HoldPartReasons();
        _life.Fire(LifeTrigger.Clear);
        _relay.Fire(RelayTrigger.Evaluate);
        ApplySchedule(_registers.Clock);
        StartInPresetState();
        return keepEnergy
            ? new(MeterResult.Zeroed, "back to new, cumulative energy kept")
            : new(MeterResult.Cleared, "back to new");
    }

    /// <summary>Rule T2: the relay cycles; nothing else changes.</summary>
    private Decision RunTest()
    {
        AddEvent(MeterEventKind.RelayTestCycle, "relay opened and closed, display test shown");
        return new(MeterResult.Tested, "relay cycled");
    }

    /// <summary>Rule T3.</summary>
    private Decision TransferOut()
    {
        // The block is written with the credit still in it; Finish moves it out of the registers afterwards.
        var moved = _registers.Remaining;
        return new(MeterResult.CreditTransferred, $"{Amount(moved)} moved onto the card", WriteBack: true, TransferOut: moved);
    }

    /// <summary>Rules L3, L6, U1–U7, E1, E2.</summary>
    private Decision ApplyUserCard(CardRecord card)
    {
        if (_registers.LifeCycle == LifeCycle.New)
        {
            return Refused(MeterResult.NotConfigured, "insert a set card first");
        }

        if (_registers.LifeCycle == LifeCycle.Bound && card.CustomerNumber != _registers.Customer)
        {
            return Refused(MeterResult.WrongCustomer, $"card of customer {card.CustomerNumber}, meter bound to {_registers.Customer}");
        }

        var ahead = card.PurchaseCount.Minus(_registers.PurchaseCount);
        if (ahead >= 2)
        {
            return Refused(MeterResult.CountOutOfSequence, $"card count {card.PurchaseCount} is {ahead} ahead of the meter's {_registers.PurchaseCount}");
        }

        Decision decision;
        if (ahead == 1)
        {
            var limit = _registers.Parameters.PurchaseLimit.Hundredths;
            if (limit > 0 && _registers.Remaining + card.Purchase.Hundredths > limit)
            {
                decision = new(MeterResult.OverPurchaseLimit, $"{Amount(_registers.Remaining)} + {card.Purchase} would pass the limit {Amount(limit)}",
                    WriteBack: true, Flags: ReturnWriteStatus.PurchaseRefusedOverLimit);
            }
            else
            {
                Load(card);
                decision = new(MeterResult.Loaded, $"{card.Purchase} loaded, purchase {card.PurchaseCount}", WriteBack: true, Flags: ReturnWriteStatus.PurchaseLoaded);
            }
        }
        else if (ahead == 0 && CanBorrowEmergencyCredit())
        {
            var lent = Model.EmergencyCredit.Hundredths;
            _registers.EmergencyOutstanding = lent;
            _registers.EmergencyBorrowedTotal += lent;
            _registers.Remaining += lent;
            AddEvent(MeterEventKind.EmergencyCredit, $"{Amount(lent)} lent until the next purchase");
            decision = new(MeterResult.EmergencyCreditGranted, $"{Amount(lent)} emergency credit", WriteBack: true);
        }
        else
        {
            decision = ahead == 0
                ? new(MeterResult.AlreadyLoaded, "purchase already loaded; return-write refreshed", WriteBack: true)
                : new(MeterResult.OldCard, $"card count {card.PurchaseCount} is behind the meter's {_registers.PurchaseCount}; return-write only", WriteBack: true);
        }

        if (_registers.LifeCycle == LifeCycle.Configured)
        {
            _registers.Customer = card.CustomerNumber;
            _life.Fire(LifeTrigger.BindCustomer);
        }

        Reclassify();
        SetReason(OpenReasons.LockedOut, false); // P3: a user card ends a lock-out
        if (_registers.Remaining > 0)
        {
            // U7: a user card restores alarm-2 and close-permitted trips once there is credit.
            _registers.OpenReasons &= ~OpenReasons.RemoteAwaitingCard;
            SetReason(OpenReasons.Alarm2, false);
        }

        return decision;
    }

    private bool CanBorrowEmergencyCredit() =>
        Model.EmergencyCredit.Hundredths > 0 && _registers.EmergencyOutstanding == 0 && _registers.CreditState == CreditState.Exhausted;

    /// <summary>Rules U1 and E2.</summary>
    private void Load(CardRecord card)
    {
        AddCredit(card.Purchase.Hundredths);
        _registers.PurchaseCount = card.PurchaseCount;
        _registers.LastCardSerial = card.CardSerial;
    }

    /// <summary>Rules U1, E2 and TK6: a purchase, from a card or a token, goes into the one credit register; emergency credit is repaid from it.</summary>
    private void AddCredit(long hundredths)
    {
        var repay = _registers.EmergencyOutstanding;
        _registers.Remaining += hundredths - repay;
        _registers.EmergencyRepaidTotal += repay;
        _registers.EmergencyOutstanding = 0;
        _registers.CumulativeLoaded += hundredths;
    }

    /// <summary>Rule N2: commit once, then write the card; the harness may cut power at any step between.</summary>
    private CardOutcome Finish(CardRecord card, CardLayout layout, Decision decision, Span<byte> image, PowerCut cut)
    {
        // The card is written after the commit. With no power cut to simulate nothing can come between the
        // two, so the return-write goes straight onto the card (a refused one leaves it untouched); with one,
        // it is built aside and written — not at all, torn or whole — after the commit.
        var writeBack = decision.WriteBack;
        var updated = !writeBack ? default : cut.IsNone ? image : CardScratch(image.Length);
        if (writeBack)
        {
            if (!cut.IsNone)
            {
                image.CopyTo(updated);
            }

            if (layout.WriteReturnWrite(updated, card.Kind, card.CreditUnit, ReturnWrite(decision.Flags), _keys, _macPrefix) is { Success: false } problem)
            {
                decision = decision with { Detail = $"{decision.Detail}; return-write not written: {problem.Problem}" };
                writeBack = false;
            }
        }

        if (decision.TransferOut is { } moved)
        {
            _registers.TransferredOut += moved;
            _registers.Remaining = 0;
            Reclassify();
        }

        if (cut.Step == PowerCutStep.BeforeCommit)
        {
            CutPower();
            return new(MeterResult.PowerCut, card.Kind, "power cut before the meter committed: nothing happened");
        }

        Commit();
        if (cut.IsNone)
        {
            return new(decision.Result, card.Kind, decision.Detail, CardWritten: writeBack);
        }

        return CutAfterCommit(card.Kind, decision.Result, image, writeBack ? updated : default, cut);
    }

    /// <summary>Rule N2 after the commit: the bytes the cut lets through land on the card, then the power goes.</summary>
    /// <param name="updated">The card as the return-write would leave it; empty when the card takes none.</param>
    private CardOutcome CutAfterCommit(CardKind kind, MeterResult committed, Span<byte> image, ReadOnlySpan<byte> updated, PowerCut cut)
    {
        var writesBack = !updated.IsEmpty;
        var changed = writesBack ? CountChanged(image, updated) : 0;
        var landed = cut.LandedOf(changed);
        if (writesBack)
        {
            Land(image, updated, landed);
        }

        CutPower();
        var detail = (cut.Step, writesBack) switch
        {
            (PowerCutStep.DuringCardWrite, true) => $"power cut while writing the card, {landed} of {changed} changed bytes written ({committed} committed)",
            (PowerCutStep.BeforeReadBack, true) => $"power cut after the card was written, before the meter read it back ({committed} committed)",
            _ => $"power cut after the meter committed ({committed}); the card was not written",
        };
        return new(MeterResult.PowerCut, kind, detail, CardWritten: landed > 0);
    }

    /// <summary>A buffer for the card being written, kept between insertions (a meter handles one card at a time).</summary>
    private Span<byte> CardScratch(int length)
    {
        if (_cardScratch.Length < length)
        {
            _cardScratch = new byte[length];
        }

        return _cardScratch.AsSpan(0, length);
    }

    private static int CountChanged(ReadOnlySpan<byte> image, ReadOnlySpan<byte> updated)
    {
        var changed = 0;
        for (var i = 0; i < image.Length; i++)
        {
            changed += image[i] != updated[i] ? 1 : 0;
        }

        return changed;
    }

    /// <summary>
    /// The first <paramref name="count"/> changed bytes land, the rest do not: a reader writes the changed runs
    /// by ascending offset, each byte after the one before (CardImageIo.WriteChangedAsync), so the bytes that
    /// made it are the lowest.
    /// </summary>
    private static void Land(Span<byte> image, ReadOnlySpan<byte> updated, int count)
    {
        for (int i = 0, landed = 0; i < image.Length && landed < count; i++)
        {
            if (image[i] != updated[i])
            {
                image[i] = updated[i];
                landed++;
            }
        }
    }

    /// <summary>Rule U6: what the meter writes back.</summary>
    private ReturnWriteBlock ReturnWrite(ReturnWriteStatus flags)
    {
        var status = flags;
        if (_registers.Relay == RelayState.Open) { status |= ReturnWriteStatus.RelayOpen; }
        if (_registers.CreditState == CreditState.Low) { status |= ReturnWriteStatus.LowCredit; }
        if (_registers.CreditState == CreditState.Alarm2) { status |= ReturnWriteStatus.Alarm2; }
        if (_registers.Remaining < 0) { status |= ReturnWriteStatus.OverdraftInUse; }
        if (_registers.CreditState == CreditState.Exhausted) { status |= ReturnWriteStatus.CreditExhausted; }
        if (_registers.EmergencyOutstanding > 0) { status |= ReturnWriteStatus.EmergencyCreditInUse; }
        return new ReturnWriteBlock(_registers.MeterNumber, _registers.PurchaseCount, new CreditAmount(Model.CreditUnit, _registers.Remaining),
            Energy.FromHundredths(_registers.CumulativeEnergy), status, _registers.Clock);
    }
}
