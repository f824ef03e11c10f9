using System.Globalization;
using Microsoft.Extensions.Localization;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// A back-office refusal in the clerk's language. The back office says why in one English sentence (the CLI's, with its
/// numbers and names), so the console translates the refusal by its kind, never by reading that sentence: in another language
/// the page leads with the kind in that language and keeps the sentence under it for its details; in English the sentence,
/// which already says it, stands alone.
/// </summary>
public static class RefusalWords
{
    /// <summary>The English key of <paramref name="reason"/>'s lead; ConsoleText.zh-Hans.resx holds its translation (a test checks every reason).</summary>
    public static string Key(RefusalReason reason) => reason switch
    {
        RefusalReason.NoPermission => "Not allowed:",
        RefusalReason.LoginFailed => "Sign-in refused: wrong operator or password, or the operator is locked out or disabled.",
        RefusalReason.NotFound => "Not found:",
        RefusalReason.Invalid => "Not accepted:",
        RefusalReason.CardNotSwiped => "Card not swiped — swipe it at the meter first.",
        RefusalReason.CardRefused => "The card is refused:",
        RefusalReason.OverPurchaseLimit => "Over the purchase limit:",
        RefusalReason.Conflict => "Not possible now:",
        RefusalReason.Licence => "The site's licence allows no more:",
        RefusalReason.CardWriteFailed => "The card was not written; nothing was recorded:",
        RefusalReason.Unsettled => "An earlier card write is unsettled; run recovery first:",
        RefusalReason.StorageUnavailable => "The database is not answering; nothing was recorded:",
        RefusalReason.Unwritable => "The file cannot be written:",
        RefusalReason.AuditKey => "The site's audit key is not at hand:",
        _ => "Refused:",
    };

    /// <summary>The lead to show before the back office's sentence; null in English, where the sentence says it all.</summary>
    public static string? Lead(IStringLocalizer words, RefusalReason reason)
    {
        ArgumentNullException.ThrowIfNull(words);
        return SpeaksEnglish ? null : words[Key(reason)].Value;
    }

    /// <summary>Whether this request's language is English, the language the back office's own sentences are in.</summary>
    public static bool SpeaksEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is "en" or "iv";
}
