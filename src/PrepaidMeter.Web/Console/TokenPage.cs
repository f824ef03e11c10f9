using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// A page of a token account (a meter registered by its DRN in a group that sells tokens): the account named by <c>?account=N</c>
/// (every form posts it back), as the back office shows it — whose, purchases, arrears — and its meter — DRN, the key it holds,
/// the last token identifier. No card is read: a token account has none. A refusal is said in the back office's words, led by
/// its reason in the clerk's language (Shared/_Refused.cshtml), and the forms keep what the clerk typed.
/// </summary>
public abstract class TokenPage : ConsolePage
{
    /// <summary>The token account's id as given (query on GET, the form's field on POST).</summary>
    [BindProperty(SupportsGet = true)]
    public string Account { get; set; } = "";

    /// <summary>The account as the books show it; null when none was found (the refusal says why).</summary>
    public Account? Found { get; private set; }

    /// <summary>The account's meter: DRN, the key it holds, its last token identifier.</summary>
    public TokenMeter? Meter { get; private set; }

    /// <summary>The sentence of a refusal: the back office's, or the page's own (a form's mistake), already in the clerk's language.</summary>
    public string? Refused { get; protected set; }

    /// <summary>The reason of a back-office refusal in <see cref="Refused"/>; null for the page's own.</summary>
    public RefusalReason? RefusedReason { get; private set; }

    /// <summary>The account id when <see cref="Account"/> is a whole number above zero.</summary>
    protected long? AccountId =>
        long.TryParse(Account, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>Shows <paramref name="refusal"/> as the page's alert, in the back office's words.</summary>
    protected void Show(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        Refused = refusal.Message;
        RefusedReason = refusal.Reason;
    }

    /// <summary>
    /// Reads the account and its meter for the page. Nothing to read (no account given) is the page before a search; a number that
    /// does not parse, an account that is not open or not a token account is said (as the first refusal: a handler's comes after).
    /// </summary>
    protected void ReadAccount()
    {
        if (string.IsNullOrWhiteSpace(Account))
        {
            return;
        }

        if (AccountId is not { } id)
        {
            Refused ??= L["account: a whole number above zero, not '{0}'", Account];
            return;
        }

        var account = Office.Accounts.Get(Operator, id);
        if (!account.Success)
        {
            ShowFirst(account.Refusal);
            return;
        }

        var meter = Office.Tokens.Meter(Operator, id);
        if (!meter.Success)
        {
            ShowFirst(meter.Refusal);
            return;
        }

        (Found, Meter) = (account.Value, meter.Value);
    }

    private void ShowFirst(Refusal refusal)
    {
        if (Refused is null)
        {
            Show(refusal);
        }
    }

    /// <summary>The account id of a form, or null with the mistake said (nothing is then called).</summary>
    protected long? PostedAccount()
    {
        if (AccountId is { } id)
        {
            return id;
        }

        Refused = L["account: a whole number above zero, not '{0}'", Account];
        return null;
    }
}
