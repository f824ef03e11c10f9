using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Tokens;

/// <summary>
/// Management tokens for a token account's meter (`vend token management`, function token-management: administrators): a
/// maximum power limit or phase power unbalance limit in watts, clear credit, clear tamper — each with its reason, the token shown.
/// </summary>
[Needs(Permission.TokenManagement)]
public sealed class ManagementModel : TokenPage
{
    /// <summary>power-limit, clear-credit, clear-tamper or phase-unbalance (the CLI's --act).</summary>
    [BindProperty]
    public string Act { get; set; } = "";

    [BindProperty]
    public string Watts { get; set; } = "";

    [BindProperty]
    public string Reason { get; set; } = "";

    public IssuedToken? Issued { get; private set; }

    /// <summary>The limit the issued token carries: the watts given, rounded up as the engine encodes them (null for a clearing token).</summary>
    public long? IssuedWatts { get; private set; }

    public void OnGet() => ReadAccount();

    public IActionResult OnPostIssue()
    {
        if (PostedAccount() is { } id && Chosen() is { } act && Limit(act, out var watts))
        {
            var issued = Office.Tokens.Manage(Operator, id, act, watts, Reason);
            if (issued.Success)
            {
                Issued = issued.Value;
                IssuedWatts = watts is { } given ? PrepaidMeter.Tokens.Data.TransferAmount.RoundedUp(given)?.Units : null;
            }
            else
            {
                Show(issued.Refusal);
            }
        }

        ReadAccount();
        return Page();
    }

    private ManagementAct? Chosen()
    {
        if (ManagementActs.Parse(Act) is { } act)
        {
            return act;
        }

        Refused = L["a management token sets a power limit or a phase unbalance limit, or clears credit or tamper, not '{0}'", Act];
        return null;
    }

    /// <summary>The watts an act that carries them was given (empty for one that does not); false with the mistake said.</summary>
    private bool Limit(ManagementAct act, out long? watts)
    {
        watts = null;
        if (!act.TakesWatts())
        {
            if (string.IsNullOrWhiteSpace(Watts))
            {
                return true;
            }

            Refused = L["this management token takes no watts: leave the limit empty"];
            return false;
        }

        if (long.TryParse(Watts, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var w))
        {
            watts = w;
            return true;
        }

        Refused = L["the limit in watts: a whole number, not '{0}'", Watts];
        return false;
    }
}
