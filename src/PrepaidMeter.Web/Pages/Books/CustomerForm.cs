using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Pages.Books;

/// <summary>A customer's details as the add and change forms post them (every field given, empty allowed, as `vend customer add`).</summary>
public sealed class CustomerForm
{
    public string? Name { get; set; }

    public string? Contact { get; set; }

    public string? Address { get; set; }

    public string? Region { get; set; }

    public string? Line { get; set; }

    public string? Area { get; set; }

    public string? Category { get; set; }

    public CustomerDetails ToDetails() => new(Name ?? "", Contact ?? "", Address ?? "", Region ?? "", Line ?? "", Area ?? "", Category ?? "");

    public static CustomerForm From(CustomerDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new()
        {
            Name = details.Name, Contact = details.Contact, Address = details.Address, Region = details.Region, Line = details.Line,
            Area = details.TransformerArea, Category = details.Category,
        };
    }
}
