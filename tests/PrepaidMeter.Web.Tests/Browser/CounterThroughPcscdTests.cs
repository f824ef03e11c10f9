using Microsoft.Playwright;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cli.Tests;
using PrepaidMeter.Cli.Tests.Commands;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Testing;
using PrepaidMeter.Web.Tests.Console;
using static Microsoft.Playwright.Assertions;

namespace PrepaidMeter.Web.Tests.Browser;

/// <summary>
/// The counter in Chromium on a real PC/SC reader: the project's virtual card in vpcd's slot 0 behind pcscd (tools/test.sh
/// starts it). A clerk opens an account on a blank card with its first sale, is told to swipe before a second, the card goes
/// to a virtual meter (out of the reader, into `prepaid meter insert`, back in) and the clerk sells again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CounterThroughPcscdTests(Chromium chromium)
{
    private static readonly string Slot0 = VirtualCard.ReaderName(0);

    [Fact]
    public async Task Clerk_OpensAnAccountOnACardInVpcdsReader_IsToldToSwipe_ThenSellsAgainAfterTheSwipe()
    {
        using var pcsc = new PcscCardReader(Slot0);
        await using var site = await ConsoleSite.StartAsync("sqlite", _ => (pcsc, "pcsc:" + Slot0));
        var cards = site.Books.CardFolder;
        var meter = Path.Combine(Path.GetDirectoryName(cards)!, "zhang.nvram");
        (await site.Books.Vend("customer", "add", "--name", "Zhang Min")).Exit.ShouldBe(0);
        (await site.Books.Vend("meter", "stock-in", "12345679", "--group", "100001")).Exit.ShouldBe(0);
        (await site.Books.Vend("--card", "zhang", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        (await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-energy", "--number", "12345679", "--group", "100001", "--secret", CounterOnFiles.Secret, "-o", meter)).Exit.ShouldBe(0);
        (await Prepaid.RunAsync("meter", "insert", "-m", meter, Path.Combine(cards, "set.hex"))).Out.ShouldStartWith("Configured");
        var zhang = Path.Combine(cards, "zhang.hex");
        using var slots = VpcdSlots.Take();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        var card = VpcdSlot.Load(zhang);
        await using (await InsertAsync(card))
        {
            await page.SignInAsAdminAsync(site);
            await Expect(page.GetByTestId("reader")).ToHaveTextAsync("pcsc:" + Slot0);
            await page.Locator("#open-customer").FillAsync("2");
            await page.Locator("#open-meter").FillAsync("12345679");
            await page.Locator("#open-price").FillAsync("1");
            await page.Locator("#open-amount").FillAsync("10");
            await page.GetByRole(AriaRole.Button, new() { Name = "Open the account and write its first purchase" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/receipt/\d+(\?done=\w+)?$"));

            await page.GotoAsync(new Uri(site.Address, "/counter").ToString());
            await Expect(page.GetByText("Zhang Min")).ToBeVisibleAsync();
            await page.Locator("#amount").FillAsync("5");
            await page.GetByRole(AriaRole.Button, new() { Name = "Price it" }).ClickAsync();
            await Expect(page.GetByTestId("next-step")).ToContainTextAsync("Card not swiped — swipe it at the meter first.");
            await Screenshots.SaveAsync(page, "console-counter-pcsc-swipe-first");
        }

        // Out of the reader, into the meter, back into the reader.
        FolderCardReader.Save(zhang, card);
        (await Prepaid.RunAsync("meter", "insert", "-m", meter, zhang)).Out.ShouldStartWith("Loaded");
        await using (await InsertAsync(VpcdSlot.Load(zhang)))
        {
            await page.GotoAsync(new Uri(site.Address, "/counter").ToString());
            await Expect(page.GetByText("loaded by the meter")).ToBeVisibleAsync();
            await page.Locator("#amount").FillAsync("5");
            await page.GetByRole(AriaRole.Button, new() { Name = "Price it" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Sell and write the card" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/receipt/\d+(\?done=\w+)?$"));
        }
    }


    private static Task<VirtualCard> InsertAsync(MemoryCard card) => VpcdSlot.InsertAsync(0, card);
}
