using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>Signs out (a POST with its antiforgery token, so another site cannot sign a clerk out): the back-office session ends too.</summary>
public sealed class SignOutModel : ConsolePage
{
    public IActionResult OnGet() => Redirect("/counter");

    public async Task<IActionResult> OnPostAsync()
    {
        var operators = HttpContext.RequestServices.GetRequiredService<SignedInOperators>();
        if (operators.Remove(User.FindFirst(SignedInOperators.SessionClaim)?.Value) is { } session)
        {
            Office.Operators.Logout(session);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/signin");
    }
}
