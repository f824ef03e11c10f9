using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// Sign-in with the back office's operators: the same password check, failed-login count and lock-out as the CLI's login
/// (a refusal says the one sentence the back office says, never which of login or password was wrong).
/// </summary>
public sealed class SignInModel : PageModel
{
    [BindProperty]
    public string Login { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public Refused? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var office = HttpContext.RequestServices.GetRequiredService<WebConsoleOptions>().Office;
        var session = office.Operators.Login(Login, Password);
        Password = "";
        if (!session.Success)
        {
            Error = Console.Refused.Of(session.Refusal);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        // A new session id on every sign-in; the one an earlier cookie of this browser named ends here.
        var operators = HttpContext.RequestServices.GetRequiredService<SignedInOperators>();
        if (operators.Remove(User.FindFirst(SignedInOperators.SessionClaim)?.Value) is { } earlier)
        {
            office.Operators.Logout(earlier);
        }

        var id = operators.Add(session.Value);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, session.Value.Login), new Claim(ClaimTypes.Role, session.Value.Role), new Claim(SignedInOperators.SessionClaim, id)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(ReturnUrl is { Length: > 0 } back && Url.IsLocalUrl(back) ? back : "/");
    }
}
