using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Lab.Running;

/// <summary>The steps done at the counter, through the back office's own services.</summary>
public sealed partial class ScenarioRunner
{
    private const string NoAccount = "no account yet: open one first (openAccount)";
    private const string NoCard = "no user card in hand (it was lost): reissue one first";

    private async Task<StepOutcome> OpenAccountAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        var meter = step.Meter ?? _meter;
        if (await InstallAsync(meter, cancellationToken) is { } installProblem)
        {
            return installProblem;
        }

        var card = _site.NewBlank();
        _site.AtCounter(card);
        // An opening cut short leaves the customer with the torn card and the meter they came for; `recover` settles
        // whether the account opened.
        return await InterruptibleAsync(step, async () =>
        {
            var opened = await _site.Office.Accounts.OpenAsync(_site.Admin, _site.Counter, _site.Customer, meter, _site.PriceType, step.Purchase!.Value, cancellationToken);
            if (!opened.Success)
            {
                return StepOutcome.Refused($"meter {meter} configured; opening the account", opened.Refusal);
            }

            _hand = card;
            _account = opened.Value.AccountId;
            _meter = meter;
            return new($"meter {meter} configured by a set card; account {_account} opened with {Sold(opened.Value)}");
        }, struck: () => (_hand, _meter) = (card, meter));
    }

    private async Task<StepOutcome> SellAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        if (UserCardAtCounter() is { } problem)
        {
            return problem;
        }

        return await InterruptibleAsync(step, async () =>
        {
            var sale = await _site.Office.Sales.SellAsync(_site.Admin, _site.Counter, step.Purchase!.Value, cancellationToken);
            return sale.Success ? new($"sold {Sold(sale.Value)}") : StepOutcome.Refused($"selling {step.Purchase}", sale.Refusal);
        });
    }

    private async Task<StepOutcome> CorrectAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        if (UserCardAtCounter() is { } problem)
        {
            return problem;
        }

        return await InterruptibleAsync(step, async () =>
        {
            var corrected = await _site.Office.Sales.CorrectAsync(_site.Admin, _site.Counter, step.Purchase!.Value, cancellationToken);
            return corrected.Success ? new($"last sale corrected to {Sold(corrected.Value)}") : StepOutcome.Refused($"correcting to {step.Purchase}", corrected.Refusal);
        });
    }

    private async Task<StepOutcome> CancelAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        if (UserCardAtCounter() is { } problem)
        {
            return problem;
        }

        return await InterruptibleAsync(step, async () =>
        {
            var cancelled = await _site.Office.Sales.CancelAsync(_site.Admin, _site.Counter, cancellationToken);
            return cancelled.Success
                ? new($"sale of {cancelled.Value.Credit} (purchase {cancelled.Value.PurchaseCount}) cancelled; the card is back to the purchase before")
                : StepOutcome.Refused("cancelling the last sale", cancelled.Refusal);
        });
    }

    private StepOutcome ChargeArrears(ScenarioStep step)
    {
        if (_account is not { } account)
        {
            return StepOutcome.Cannot(NoAccount);
        }

        var charged = _site.Office.Accounts.ChargeArrears(_site.Admin, account, step.Money!.Value, step.Reason ?? "service fee");
        return charged.Success
            ? new($"arrears of {step.Money} charged; the account owes {charged.Value.Arrears}")
            : StepOutcome.Refused($"charging {step.Money}", charged.Refusal);
    }

    private async Task<StepOutcome> TakeReadingAsync(CancellationToken cancellationToken)
    {
        if (UserCardAtCounter() is { } problem)
        {
            return problem;
        }

        var reading = await _site.Office.Cards.TakeReadingAsync(_site.Admin, _site.Counter, cancellationToken);
        return reading.Success ? new($"reading taken from the card: {Describe(reading.Value)}") : StepOutcome.Refused("taking a reading", reading.Refusal);
    }

    private async Task<StepOutcome> ReissueAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        if (_account is not { } account)
        {
            return StepOutcome.Cannot(NoAccount);
        }

        var card = _site.NewBlank();
        _site.AtCounter(card);
        // A reissue cut short leaves the customer with the torn new card: recovery needs it.
        return await InterruptibleAsync(step, async () =>
        {
            var reissued = await _site.Office.Cards.ReissueAsync(_site.Admin, _site.Counter, account, step.Reason ?? "card lost", cancellationToken);
            if (!reissued.Success)
            {
                return StepOutcome.Refused("reissuing the card", reissued.Refusal);
            }

            _hand = card;
            return new($"new card serial {reissued.Value.CardSerial} for account {account}, carrying purchase {reissued.Value.PurchaseCount}; the old card is refused from now on");
        }, struck: () => _hand = card);
    }

    private async Task<StepOutcome> ToolCardAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        var kind = step.ToolKind!.Value;
        var meter = step.Meter ?? _meter;
        var card = _site.NewBlank();
        _site.AtCounter(card);
        var issued = false;
        // A tool card cut short never reaches the meter: the torn card stays at the counter, the write pending or put back.
        var atCounter = await InterruptibleAsync(step, async () =>
        {
            var written = await _site.Office.Cards.IssueToolCardAsync(_site.Admin, _site.Counter, kind, _site.Group, meter, cancellationToken);
            issued = written.Success;
            return written.Success ? new($"{kind} card written") : StepOutcome.Refused($"writing a {kind} card", written.Refusal);
        });
        if (!issued || step.Interrupt is not null)
        {
            return atCounter;
        }

        var written = card.Memory.ToArray();
        var outcome = await _target.InsertCardAsync(meter, card, PowerCut.None, cancellationToken);
        var images = new CardImages(written, card.Memory.ToArray());
        if (kind != CardKind.Check || !outcome.Accepted)
        {
            return new($"{kind} card written and inserted in meter {meter}: {outcome}", Card: outcome, Images: images);
        }

        _site.AtCounter(card);
        var reading = await _site.Office.Cards.TakeReadingAsync(_site.Admin, _site.Counter, cancellationToken);
        return reading.Success
            ? new($"check card read meter {meter}; at the counter: {Describe(reading.Value)}", Card: outcome, Images: images)
            : StepOutcome.Refused("reading the check card at the counter", reading.Refusal) with { Card = outcome, Images = images };
    }

    private async Task<StepOutcome> ChangeMeterAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        if (_account is not { } account)
        {
            return StepOutcome.Cannot(NoAccount);
        }

        if (_hand is null)
        {
            return StepOutcome.Cannot(NoCard);
        }

        var to = step.Meter!.Value;
        var changeCard = _site.NewBlank();
        _site.AtCounter(changeCard);
        var userReader = new InMemoryCardReader("user card");
        userReader.Insert(_hand);
        var issued = await _site.Office.MeterChanges.IssueChangeCardAsync(_site.Admin, _site.Counter, userReader, account, cancellationToken);
        if (!issued.Success)
        {
            return StepOutcome.Refused("writing the meter-change card", issued.Refusal);
        }

        // The evidence: the change card as the counter wrote it and as the old meter gave it back, the new meter's
        // set card, and the user card before and after the counter wrote the credit onto it.
        var written = changeCard.Memory.ToArray();
        var old = _meter;
        var atOld = await _target.InsertCardAsync(old, changeCard, PowerCut.None, cancellationToken);
        var change = new CardImages(written, changeCard.Memory.ToArray(), "meter-change card");
        if (!atOld.Accepted)
        {
            return new($"meter {old} refused the meter-change card: {atOld}", Card: atOld, Problem: $"meter {old} refused the meter-change card: {atOld}", Images: change);
        }

        var more = new List<CardImages>();
        if (await InstallAsync(to, more, cancellationToken) is { } installProblem)
        {
            return installProblem with { Card = atOld, Images = change, MoreImages = more };
        }

        var changeReader = new InMemoryCardReader("meter-change");
        changeReader.Insert(changeCard);
        _site.AtCounter(_hand);
        var userBefore = _hand.Memory.ToArray();
        var completed = await _site.Office.MeterChanges.CompleteAsync(_site.Admin, changeReader, _site.Counter, to, cancellationToken);
        more.Add(new(userBefore, _hand.Memory.ToArray(), "user card"));
        if (!completed.Success)
        {
            return StepOutcome.Refused($"meter {old} gave up its credit ({atOld.Result}); completing the change", completed.Refusal) with { Card = atOld, Images = change, MoreImages = more };
        }

        _meter = to;
        return new($"meter {old} gave up its credit ({atOld.Detail}); meter {to} configured; {Sold(completed.Value)} written onto the user card", Card: atOld,
            Images: change, MoreImages: more);
    }

    /// <inheritdoc cref="InstallAsync(MeterNumber, List{CardImages}?, CancellationToken)"/>
    private Task<StepOutcome?> InstallAsync(MeterNumber meter, CancellationToken cancellationToken) => InstallAsync(meter, null, cancellationToken);

    /// <summary>Configures <paramref name="meter"/> with a set card written at the counter, as an installer does; the set card goes into <paramref name="evidence"/>.</summary>
    private async Task<StepOutcome?> InstallAsync(MeterNumber meter, List<CardImages>? evidence, CancellationToken cancellationToken)
    {
        var set = _site.NewBlank();
        _site.AtCounter(set);
        var issued = await _site.Office.Cards.IssueToolCardAsync(_site.Admin, _site.Counter, CardKind.Set, _site.Group, meter, cancellationToken);
        if (!issued.Success)
        {
            return StepOutcome.Refused($"writing the set card for meter {meter}", issued.Refusal);
        }

        var written = set.Memory.ToArray();
        var outcome = await _target.InsertCardAsync(meter, set, PowerCut.None, cancellationToken);
        evidence?.Add(new(written, set.Memory.ToArray(), $"set card for meter {meter}"));
        return outcome.Result == MeterResult.Configured
            ? null
            : StepOutcome.Cannot($"meter {meter} refused its set card: {outcome}");
    }

    private StepOutcome? UserCardAtCounter()
    {
        if (_account is null)
        {
            return StepOutcome.Cannot(NoAccount);
        }

        if (_hand is null)
        {
            return StepOutcome.Cannot(NoCard);
        }

        _site.AtCounter(_hand);
        return null;
    }

    private static string Sold(Receipt receipt) =>
        $"{receipt.Credit} (purchase {receipt.PurchaseCount}, {receipt.Money}{(receipt.ArrearsCollected.Hundredths > 0 ? $", arrears {receipt.ArrearsCollected} collected first" : "")}), receipt {receipt.ReceiptNumber}";

    private static string Describe(MeterReading reading) =>
        $"meter {reading.Meter} loaded purchase {reading.LoadedCount}, {reading.Remaining} left, {reading.CumulativeEnergy} used in all";
}
