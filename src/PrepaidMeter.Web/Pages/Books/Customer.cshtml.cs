using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Books;

/// <summary>One customer and their open accounts (`vend customer show`), their details changed (`vend customer change`).</summary>
[Needs(Permission.Queries)]
public sealed class CustomerModel : BooksPage
{
    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = "";

    [BindProperty]
    public CustomerForm Form { get; set; } = new();

    public Customer? Customer { get; private set; }

    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public void OnGet(string? done)
    {
        Done = done switch
        {
            "registered" => L["Customer {0} registered.", Number].Value,
            "changed" => L["Customer {0}'s details changed.", Number].Value,
            _ => null,
        };
        if (Load() is { } customer)
        {
            Form = CustomerForm.From(customer.Details);
        }
    }

    [Needs(Permission.Customers)]
    public IActionResult OnPostChange()
    {
        if (Parsed() is { } number && Shown(Office.Customers.Change(Operator, number, Form.ToDetails())) is not null)
        {
            return RedirectToPage("/Books/Customer", new { number = Number, done = "changed" });
        }

        var refused = Refused;
        Load();
        Refused = refused ?? Refused;
        return Page();
    }

    private Customer? Load()
    {
        if (Parsed() is not { } number)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }

        Customer = Shown(Office.Customers.Get(Operator, number));
        if (Customer is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }

        Accounts = Shown(Office.Accounts.List(Operator, number)) ?? [];
        return Customer;
    }

    private CustomerNumber? Parsed()
    {
        var parsed = CustomerNumber.Parse(Number);
        if (parsed.TryGetValue(out var number))
        {
            return number;
        }

        Refused = $"'{Number}': {parsed.Error}";
        return null;
    }
}
