using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Books;

/// <summary>Customers (用户档案): found by number, name, address or contact (`vend customer search`), and registered (`vend customer add`).</summary>
[Needs(Permission.Queries)]
public sealed class CustomersModel : BooksPage
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty]
    public CustomerForm Form { get; set; } = new();

    public IReadOnlyList<Customer> Found { get; private set; } = [];

    public void OnGet() => Find();

    [Needs(Permission.Customers)]
    public IActionResult OnPostAdd()
    {
        if (Shown(Office.Customers.Register(Operator, Form.ToDetails())) is { } added)
        {
            return RedirectToPage("/Books/Customer", new { number = added.Number.ToString(), done = "registered" });
        }

        Find();
        return Page();
    }

    private void Find()
    {
        var found = Office.Customers.Search(Operator, Search ?? "");
        if (found.Success)
        {
            Found = found.Value;
        }
        else
        {
            Refused ??= found.Refusal.Message;
        }
    }
}
