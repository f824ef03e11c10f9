using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using PrepaidMeter.Benchmarks.Vending;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Benchmarks.Web;

/// <summary>
/// Issue 27's figure "the counter page ready in the browser under 1 s": Debian's Chromium (through Playwright, as the web
/// tests drive it) opening the sales screen — the card read, the account shown, the sale form — until its load event, with a
/// signed-in clerk and a card in the reader; beside it the sign-in page (no card, no books), what any page of the console
/// costs the browser.
/// </summary>
[BenchmarkDotNet.Attributes.InProcess] // in this process, whose output holds Playwright's driver (.playwright); a generated project's would not
public class CounterPageBenchmarks
{
    private TempFolder _folder = null!;
    private WebApplication _console = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;
    private string _address = "";

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = new TempFolder();
        var office = new BackOffice(new SqliteVendingDatabase(_folder.File("bench.db")), new BackOfficeOptions { PasswordIterations = 1_000, AuditKey = AuditKey.Generate() });
        var reader = BenchSite.Create(office).OpenAccount("bench", MeterNumber.From(12345678));
        _console = WebConsole.Build(new WebConsoleOptions(office, "127.0.0.1:0", reader, "memory"));
        await _console.StartAsync();
        _address = _console.Urls.Single();
        _playwright = await Playwright.CreateAsync();
        string[] flags = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = Environment.IsPrivilegedProcess ? [.. flags, "--no-sandbox"] : flags, // as root Chromium needs --no-sandbox
        });
        _page = await _browser.NewPageAsync();
        await _page.GotoAsync(_address + "/signin");
        await _page.FillAsync("#login", "admin");
        await _page.FillAsync("#password", BenchSite.Password);
        await _page.ClickAsync("button[type=submit]");
        await _page.WaitForURLAsync(_address + "/counter");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _console.DisposeAsync();
        SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<HttpStatusCode> SignInPage() => await Open("/signin");

    [Benchmark]
    public async Task<HttpStatusCode> CounterPage() => await Open("/counter");

    private async Task<HttpStatusCode> Open(string path)
    {
        var response = await _page.GotoAsync(_address + path, new() { WaitUntil = WaitUntilState.Load });
        return (HttpStatusCode)(response?.Status ?? 0);
    }
}
