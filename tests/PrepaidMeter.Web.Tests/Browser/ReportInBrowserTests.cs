using System.Globalization;
using Microsoft.Playwright;
using MiniExcelLibs;
using PrepaidMeter.Web.Tests.Console;
using static Microsoft.Playwright.Assertions;

namespace PrepaidMeter.Web.Tests.Browser;

/// <summary>
/// A report in Debian's Chromium, as an office clerk runs one: from the navigation to the monthly report, its filters filled
/// in the GET form, the table with its chart loaded as an image, and the XLSX downloaded through the browser and read back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportInBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task Clerk_RunsTheMonthlyReport_SeesItsChart_AndDownloadsItsXlsx()
    {
        await using var site = await ConsoleSite.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsAdminAsync(site);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "monthly", Exact = true }).ClickAsync();
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2000-01-01");
        await page.GetByLabel("Utility").SelectOptionAsync("electricity");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the report" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reports/monthly\\?from=2000-01-01&.*utility=electricity"));
        await Expect(page.GetByTestId("totals")).ToContainTextAsync("5.00");
        var chart = page.Locator("img.chart");
        await Expect(chart).ToBeVisibleAsync();
        // Loaded and drawn: the browser decoded a PNG of the chart's own size.
        (await chart.EvaluateAsync<int>("img => img.decode().then(() => img.naturalWidth)")).ShouldBe(1000);
        await Screenshots.SaveAsync(page, "console-report-monthly");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download XLSX" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("monthly.xlsx");
        var path = await download.PathAsync();
        var rows = MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
        rows[^1]["month"].ShouldBe("total");
        Convert.ToDecimal(rows[^1]["money"], CultureInfo.InvariantCulture).ShouldBe(5.00m);
        Convert.ToDecimal(rows[^1]["energy kWh"], CultureInfo.InvariantCulture).ShouldBe(10.00m);
    }
}
