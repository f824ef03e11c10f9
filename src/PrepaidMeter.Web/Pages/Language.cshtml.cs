using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// The language switch in the page's bar: a POST (with its antiforgery token, so no other site can change a counter's
/// language) that keeps the choice in a cookie and goes back to the page the clerk was on. Open before sign-in too, so the
/// sign-in page can be read. Only a local address is gone back to: anything else goes home.
/// </summary>
public sealed class LanguageModel : PageModel
{
    [BindProperty]
    public string? Culture { get; set; }

    [BindProperty]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost()
    {
        if (ConsoleLanguages.Match(Culture) is { } culture)
        {
            Response.Cookies.Append(ConsoleLanguages.CookieName, ConsoleLanguages.CookieValue(culture), new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax, // a preference, no authority: a link from elsewhere opens in the chosen language too
                Secure = Request.IsHttps,
                Path = "/",
            });
        }

        return LocalRedirect(ReturnUrl is { Length: > 0 } back && Url.IsLocalUrl(back) ? back : "/");
    }
}
