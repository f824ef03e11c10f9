using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// A page whose forms write cards (the counter, meter change): a refusal said in the back office's words, led by its reason in
/// the clerk's language; and a card not swiped turned into the clerk's next step rather than shown as an error.
/// </summary>
public abstract class CardWorkPage : ConsolePage
{
    /// <summary>The sentence of a refusal: the back office's, or the page's own (a form's mistake), already in the clerk's language.</summary>
    public string? Refused { get; protected set; }

    /// <summary>The reason of a back-office refusal in <see cref="Refused"/> (the page leads with it in the clerk's language); null for the page's own.</summary>
    public RefusalReason? RefusedReason { get; private set; }

    /// <summary>The back office's sentence when the card's last purchase is not loaded yet; the page makes it the next step.</summary>
    public string? NotSwiped { get; private set; }

    /// <summary>Shows <paramref name="refusal"/>: as the next step when the card is not swiped, else as the page's alert.</summary>
    protected void Show(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        if (refusal.Reason == RefusalReason.CardNotSwiped)
        {
            NotSwiped = refusal.Message;
        }
        else
        {
            Refused = refusal.Message;
            RefusedReason = refusal.Reason;
        }
    }
}
