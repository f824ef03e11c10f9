using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Tokens;

/// <summary>
/// Key change for a token account's meter (`vend token keychange`, function token-keys; with an amount, sales too): the meter
/// moved to one of its group's keys — chosen by key revision and base date, or the group's newest —, the key change tokens in
/// the order to enter them, and a credit token under the new key when an amount is given. The back office refuses every key
/// change that would not change the decoder key, moves the base date back or names one that has not begun.
/// </summary>
[Needs(Permission.TokenKeys)]
public sealed class KeyChangeModel : TokenPage, IAmountForm
{
    /// <summary>The key to move to as "REVISION/BASEDATE" (a key of the group), or empty for the group's newest.</summary>
    [BindProperty]
    public string Key { get; set; } = "";

    [BindProperty]
    public string Unit { get; set; } = "energy";

    /// <summary>The credit sold with the key change; empty for none.</summary>
    [BindProperty]
    public string Amount { get; set; } = "";

    /// <summary>The group's keys (newest first), to choose the one to move to.</summary>
    public IReadOnlyList<TokenKeyInfo> GroupKeys { get; private set; } = [];

    public KeyChangeIssued? Issued { get; private set; }

    public void OnGet() => ReadAll();

    public IActionResult OnPostChange()
    {
        if (PostedAccount() is not { } id || !ChosenKey(out var revision, out var baseDate))
        {
            ReadAll();
            return Page();
        }

        PurchaseRequest? credit = null;
        if (!string.IsNullOrWhiteSpace(Amount))
        {
            if (ReadPurchase(Unit, Amount, out var mistake) is not { } request)
            {
                Refused = mistake;
                ReadAll();
                return Page();
            }

            credit = request;
        }

        var changed = Office.Tokens.ChangeKey(Operator, id, revision, baseDate, credit);
        if (changed.Success)
        {
            Issued = changed.Value;
        }
        else
        {
            Show(changed.Refusal);
        }

        ReadAll();
        return Page();
    }

    /// <summary>The key chosen: none (the group's newest), or a revision and base date of the group's.</summary>
    private bool ChosenKey(out int? revision, out BaseDate? baseDate)
    {
        (revision, baseDate) = (null, null);
        if (string.IsNullOrWhiteSpace(Key))
        {
            return true;
        }

        var parts = Key.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r)
            && BaseDates.Parse(parts[1]) is { } b)
        {
            (revision, baseDate) = (r, b);
            return true;
        }

        Refused = L["the key is a key revision and base date of the group's (2/2014), not '{0}'", Key];
        return false;
    }

    private void ReadAll()
    {
        ReadAccount();
        if (Found is { } account && Office.TokenGroups.Get(Operator, account.Group) is { Success: true } group)
        {
            GroupKeys = group.Value.Keys;
        }
    }
}
