using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>The site's roles and the functions each holds (`vend operator roles`), by the names the permission table uses.</summary>
[Needs(Permission.OperatorManagement)]
public sealed class OperatorRolesModel : BooksPage
{
    public IReadOnlyList<RoleInfo> Roles { get; private set; } = [];

    public void OnGet() => Roles = Shown(Office.Operators.Roles(Operator)) ?? [];
}
