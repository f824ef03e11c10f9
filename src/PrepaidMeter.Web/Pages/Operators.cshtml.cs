using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// The site's operators (function "operators": administrators): listed (`vend operator list`), added (`vend operator add`, the
/// password typed on the page instead of PREPAID_NEW_PASSWORD), disabled and enabled, and a lock-out cleared (`vend operator unlock`).
/// </summary>
[Needs(Permission.OperatorManagement)]
public sealed class OperatorsModel : BooksPage
{
    [BindProperty]
    public string? Login { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public IReadOnlyList<OperatorInfo> All { get; private set; } = [];

    public IReadOnlyList<RoleInfo> Roles { get; private set; } = [];

    public void OnGet(string? done, string? login)
    {
        Done = done switch
        {
            "added" => L["Operator '{0}' added.", login ?? ""].Value,
            "disabled" => L["Operator '{0}' disabled.", login ?? ""].Value,
            "enabled" => L["Operator '{0}' enabled.", login ?? ""].Value,
            "unlocked" => L["Operator '{0}' unlocked.", login ?? ""].Value,
            _ => null,
        };
        Load();
    }

    public IActionResult OnPostAdd() =>
        After(Office.Operators.Add(Operator, Login ?? "", string.IsNullOrWhiteSpace(Name) ? Login ?? "" : Name, string.IsNullOrWhiteSpace(Role) ? SeedRoles.Cashier : Role, Password ?? ""), "added");

    public IActionResult OnPostDisable() => After(Office.Operators.SetDisabled(Operator, Login ?? "", true), "disabled");

    public IActionResult OnPostEnable() => After(Office.Operators.SetDisabled(Operator, Login ?? "", false), "enabled");

    public IActionResult OnPostUnlock() => After(Office.Operators.ClearLockOut(Operator, Login ?? ""), "unlocked");

    private IActionResult After(VendResult<OperatorInfo> result, string done)
    {
        if (Shown(result) is { } changed)
        {
            return RedirectToPage("/Operators", new { done, login = changed.Login });
        }

        var refused = Refused;
        Load();
        Refused = refused;
        Password = null;
        return Page();
    }

    private void Load()
    {
        All = Shown(Office.Operators.List(Operator)) ?? [];
        Roles = Shown(Office.Operators.Roles(Operator)) ?? [];
    }
}
