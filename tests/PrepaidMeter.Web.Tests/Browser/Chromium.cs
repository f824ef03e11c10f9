using Microsoft.Playwright;

namespace PrepaidMeter.Web.Tests.Browser;

/// <summary>
/// One headless Debian Chromium shared by every test in the <see cref="BrowserCollection"/>, driven through the
/// Playwright driver the package puts in the test output. Playwright's own browser download is not reachable here,
/// so tools/test.sh installs Debian's chromium package; without it the tests fail, never skip.
/// Each test opens its own context (<see cref="NewContextAsync"/>): no cookies or storage leak between tests.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>The longest any page action, navigation or expectation waits: a broken page fails its test fast.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not installed: tools/test.sh installs Debian's chromium package ({ExecutablePath} is missing)");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments(),
            // Once per run, beside other test assemblies on two busy cores: more room than a page gets.
            Timeout = (float)(4 * Timeout).TotalMilliseconds,
        });
        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
    }

    /// <summary>A fresh context with the bounded timeouts; dispose it (await using) to close its pages.</summary>
    /// <summary>A fresh browser profile (cookies, storage); <paramref name="locale"/> sets its Accept-Language and navigator.language.</summary>
    public async Task<IBrowserContext> NewContextAsync(string? locale = null)
    {
        var context = await (browser ?? throw new InvalidOperationException("Chromium was not launched")).NewContextAsync(new() { Locale = locale });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    private static string[] Arguments()
    {
        // Quiet and offline: no GPU on these machines, and nothing phones home (updates, sync, field trials) mid-test.
        string[] quiet = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
        // Chromium refuses to start as root with its sandbox on, and CI runs as root.
        return Environment.IsPrivilegedProcess ? ["--no-sandbox", .. quiet] : quiet;
    }
}

/// <summary>The tests that share <see cref="Chromium"/>: <c>[Collection(BrowserCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "browser";
}
