using System.Globalization;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Running;

/// <summary>What a report shows as a step's evidence: the card before and after, the meter's registers, its new events.</summary>
public sealed partial class ScenarioRunner
{
    /// <summary>
    /// Adds the evidence to a judged step: the cards the step touched (when it touched any), the account meter's
    /// registers, those of <paramref name="other"/> — the meter the step acted on when it is not the account's — and events.
    /// </summary>
    private StepResult WithEvidence(StepResult result, StepOutcome outcome, byte[]? handBefore, MeterSnapshot meter, MeterSnapshot? other, IReadOnlyList<MeterEvent> events)
    {
        var images = outcome.Images;
        if (images is null && handBefore is not null && _hand is not null && HandCardSteps(result.Step.Kind))
        {
            images = new CardImages(handBefore, _hand.Memory.ToArray());
        }

        IEnumerable<CardImages> cards = images is { } first ? [first, .. outcome.MoreImages ?? []] : outcome.MoreImages ?? [];
        return result with
        {
            Cards = [.. cards.Select(c => Card(c, result.Step))],
            Registers = Registers(meter),
            OtherMeter = other is null ? [] : Registers(other),
            Events = [.. events.Select(e => $"{e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {JsonFields.CamelCase(e.Kind.ToString())}: {e.Detail}")],
        };
    }

    /// <summary>Which card a step carried, when the step did not say: the steps that make a card of their own name it by what it is.</summary>
    private static string CardName(ScenarioStep step) => step.Kind switch
    {
        StepKind.ToolCard when step.ToolKind is { } kind => $"{CardKinds.NameOf(kind)} card",
        StepKind.Replay => $"copy of image '{step.Name}'",
        StepKind.ForeignCard => "user card of another supply group",
        StepKind.BlankCard => "blank card",
        StepKind.OverLimitCard => "user card past the purchase limit",
        _ => "user card",
    };

    /// <summary>The steps that act on the user card in hand (the others insert a card of their own and say so).</summary>
    private static bool HandCardSteps(StepKind kind) => kind is StepKind.Swipe or StepKind.ForgeCard or StepKind.TamperCard or StepKind.Sell
        or StepKind.Correct or StepKind.Cancel or StepKind.Reissue;

    private CardEvidence Card(CardImages images, ScenarioStep step)
    {
        var (before, beforeText) = Fields(images.Before);
        var (after, afterText) = Fields(images.After);
        var changes = CardRecordFields.Changes(before, after).Select(c => new FieldChange(c.Field, c.Before, c.After)).ToList();
        return new CardEvidence(images.Card ?? CardName(step), Convert.ToHexString(images.Before), Convert.ToHexString(images.After), beforeText, afterText, changes);
    }

    /// <summary>The card's fields by name (<see cref="CardRecordFields"/>); none, and why, when the image does not decode.</summary>
    private (Dictionary<string, string> Fields, string Text) Fields(byte[] image)
    {
        // Evidence holds whole cards: the image lies at the layout's medium offset.
        var decoded = _site.Layout.Decode(_site.Layout.ImageOn(image), _site.Keys);
        if (decoded.Record is not { } record)
        {
            return (new Dictionary<string, string>(StringComparer.Ordinal), $"does not decode with {_site.Layout.Id}: {decoded.Fault}");
        }

        return (CardRecordFields.Of(record), $"{CardKinds.NameOf(record.Kind)} card, {_site.Layout.Id}");
    }

    private static IReadOnlyList<Register> Registers(MeterSnapshot m) =>
    [
        new("meter", m.MeterNumber.ToString()),
        new("lifeCycle", JsonFields.CamelCase(m.LifeCycle.ToString())),
        new("creditState", JsonFields.CamelCase(m.CreditState.ToString())),
        new("relay", m.Relay == RelayState.Closed ? "closed" : $"open ({string.Join(", ", m.OpenReasons.ToString().Split(", ").Select(JsonFields.CamelCase))})"),
        new("remaining", m.Remaining.ToString()),
        new("cumulativeEnergy", m.CumulativeEnergy.ToString()),
        new("cumulativeLoaded", m.CumulativeLoaded.ToString()),
        new("creditConsumed", m.CreditConsumed.ToString()),
        new("transferredOut", m.TransferredOut.ToString()),
        new("emergencyOutstanding", m.EmergencyOutstanding.ToString()),
        new("purchaseCount", m.PurchaseCount.ToString()),
        new("lastCardSerial", m.LastCardSerial.ToString()),
        new("customer", m.Customer.ToString()),
        new("illegalCards", m.IllegalCards.ToString(CultureInfo.InvariantCulture)),
        new("keepPowerOn", m.KeepPowerOn ? "on" : "off"),
        new("alarm", m.AlarmOn ? "on" : "off"),
        new("powered", m.Powered ? "yes" : "no"),
    ];

    /// <summary>
    /// A whole card as it went into the meter and as it came out, or as a step changed it (a layout's image lies in it
    /// at its medium offset); <paramref name="Card"/> names it when the step's kind does not say which card it was.
    /// </summary>
    private readonly record struct CardImages(byte[] Before, byte[] After, string? Card = null);
}
