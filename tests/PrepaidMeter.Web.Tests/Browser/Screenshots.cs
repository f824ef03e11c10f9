using Microsoft.Playwright;

namespace PrepaidMeter.Web.Tests.Browser;

/// <summary>
/// Screenshots of the web console's pages, kept as PNG files for people to look at: the best are copied to
/// docs/images by hand. They go to PREPAID_SCREENSHOTS when set, else to screenshots/ in the test output.
/// </summary>
public static class Screenshots
{
    public const string FolderVariable = "PREPAID_SCREENSHOTS";

    public static string Folder =>
        Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The whole page as <paramref name="name"/>.png in <see cref="Folder"/> (replacing an older one); its path.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        // A bare name: a test must not write outside the folder by accident.
        if (string.IsNullOrWhiteSpace(name) || Path.GetFileName(name) != name)
        {
            throw new ArgumentException($"a screenshot's name is a bare file name without extension, not '{name}'", nameof(name));
        }

        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Type = ScreenshotType.Png });
        return path;
    }
}
