using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Books;

/// <summary>
/// Supply groups (供电组) as `vend group list` lists them, but without the maintenance code at all: not even its masked form
/// reaches the page, so neither the page nor its HTML source carries any part of the secret the card keys derive from.
/// </summary>
[Needs(Permission.Queries)]
public sealed class GroupsModel : BooksPage
{
    public IReadOnlyList<SupplyGroup> All { get; private set; } = [];

    public void OnGet() => All = Shown(Office.Groups.List(Operator)) ?? [];
}
