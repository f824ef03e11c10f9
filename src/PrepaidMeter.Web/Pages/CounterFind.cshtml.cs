using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// The counter's search (`vend account search`): a customer who came without a card, a meter number read off the meter, an
/// account id from a letter — the open accounts found, each with what the clerk does next (a token account: the token counter).
/// </summary>
[Needs(Permission.Sales)]
public sealed class CounterFindModel : BooksPage
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    public IReadOnlyList<Account> Found { get; private set; } = [];

    /// <summary>Which of the accounts found are token accounts: sold at the token counter, not on a card.</summary>
    public IReadOnlySet<long> TokenAccounts { get; private set; } = new HashSet<long>();

    public void OnGet()
    {
        // An empty box is the page before a search, not a mistake to say.
        if (!string.IsNullOrWhiteSpace(Search))
        {
            Found = Shown(Office.Accounts.Search(Operator, Search)) ?? [];
            TokenAccounts = Shown(Office.Tokens.TokenAccountsAmong(Operator, Found.Select(a => a.Id).ToList())) ?? new HashSet<long>();
        }
    }
}
