using Microsoft.Playwright;
using PrepaidMeter.Web.Tests.Console;

namespace PrepaidMeter.Web.Tests.Browser;

/// <summary>What the browser tests do alike on the console's pages: sign in as the administrator, find the unlabelled controls.</summary>
internal static class ConsoleInBrowser
{
    /// <summary>Opens the sign-in page of <paramref name="site"/> and signs the administrator in by the form's labels, as a clerk would.</summary>
    public static async Task SignInAsAdminAsync(this IPage page, ConsoleSite site)
    {
        await page.GotoAsync(new Uri(site.Address, "/signin").ToString());
        await page.GetByLabel("Operator").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(ConsoleSite.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>The controls on the page a screen reader could not name: no label, no aria-label, a button without text.</summary>
    public static Task<string[]> UnlabelledAsync(this IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
          .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !(c.tagName === 'BUTTON' && c.textContent.trim()))
          .map(c => c.outerHTML)
        """);
}
