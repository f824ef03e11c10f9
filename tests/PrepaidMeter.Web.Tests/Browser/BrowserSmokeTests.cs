using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PrepaidMeter.Web.Tests.Browser;

/// <summary>
/// The chain the web console's browser tests stand on — Playwright's driver, Debian's Chromium, a Kestrel page on
/// loopback, a click, the page's script, a screenshot — proved on a page of its own, so a failure here is the
/// chain's and not a console page's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserSmokeTests(Chromium chromium, ITestOutputHelper output)
{
    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Browser smoke</title></head>
        <body>
          <h1>Meter 000012345678</h1>
          <p role="status">Credit 10.00</p>
          <button type="button">Add 20.00</button>
          <script>
            document.querySelector('button').addEventListener('click', () => {
              document.querySelector('[role=status]').textContent = 'Credit 30.00';
            });
          </script>
        </body>
        </html>
        """;

    [Fact]
    public async Task Chromium_ClicksALabelledButtonOnALoopbackPage_SeesThePageChange()
    {
        await using var site = await StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(Address(site));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Credit 10.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add 20.00" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Credit 30.00");
        var shot = await Screenshots.SaveAsync(page, "browser-smoke");
        output.WriteLine(shot);
        var png = await File.ReadAllBytesAsync(shot);
        png.Length.ShouldBeGreaterThan(8);
        png[..8].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
    }

    /// <summary>The page on 127.0.0.1 only, on a port the system picks.</summary>
    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var site = builder.Build();
        site.MapGet("/", () => Results.Content(Html, "text/html; charset=utf-8"));
        await site.StartAsync();
        return site;
    }

    /// <summary>Where Kestrel really listens: the port it was given, not the 0 it was asked for.</summary>
    private static string Address(WebApplication site) =>
        site.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
}
