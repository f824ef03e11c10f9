using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// A books page filtered as `vend query` is (the queries, the operation log): the five filters bound from a bookmarkable
/// query string, parsed by <see cref="QueryFilters"/> as the CLI's options are.
/// </summary>
public abstract class FilteredPage : BooksPage
{
    [BindProperty(SupportsGet = true)]
    public string? Customer { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Meter { get; set; }

    [BindProperty(SupportsGet = true, Name = "operator")]
    public string? OperatorLogin { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The filters; null, with the CLI's sentence in <see cref="BooksPage.Refused"/>, when one given does not parse.</summary>
    protected QueryFilter? Filter()
    {
        var parsed = QueryFilters.Parse(name => name switch
        {
            "--customer" => Customer,
            "--meter" => Meter,
            "--operator" => OperatorLogin,
            "--from" => From,
            _ => To,
        });
        if (parsed.TryGetValue(out var filter))
        {
            return filter;
        }

        Refused = parsed.Error;
        return null;
    }
}
