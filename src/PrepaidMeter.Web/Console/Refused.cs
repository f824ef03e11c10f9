using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// A refusal as a page shows it (Shared/_Refused.cshtml): the sentence — the back office's, or the page's own already in the
/// clerk's language — and, for the back office's, its reason, which <see cref="RefusalWords"/> says in the clerk's language.
/// </summary>
public sealed record Refused(string Sentence, RefusalReason? Reason = null, string? TestId = null)
{
    public static Refused Of(Refusal refusal, string? testId = null)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return new(refusal.Message, refusal.Reason, testId);
    }
}
