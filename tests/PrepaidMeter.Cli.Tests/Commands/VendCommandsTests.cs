using System.Diagnostics;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// `prepaid vend` end to end on a real database file and card files: the counter, the meter and the
/// card files are what a QA engineer would use. The crash tests are in ../Crash (CrashSweepTests).
/// </summary>
public sealed class VendCommandsTests : IDisposable
{
    private const string Secret = CounterOnFiles.Secret;
    private readonly TempFolder _folder = new();

    public VendCommandsTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
        Directory.CreateDirectory(_folder.File("cards"));
    }

    private string Db => _folder.File("prepaid.db");

    private string Reader => "folder:" + _folder.File("cards");

    public void Dispose()
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    private CounterOnFiles Counter => new(_folder, Db);

    private Task<(int Exit, string Out, string Err)> Vend(params string[] args) => Counter.Vend(args);

    private Task SetUpSwipedAccount() => Counter.SetUpSwipedAccount();

    private Task Swipe(string expected) => Counter.Swipe(expected);

    [Fact]
    public async Task Sell_CardSwipedThenNot_SecondSaleExits2WithOneLine()
    {
        await SetUpSwipedAccount();

        var sold = await Vend("--card", "li", "sell", "--money", "5");
        var refused = await Vend("--card", "li", "sell", "--energy", "10");

        sold.Exit.ShouldBe(0, sold.Err);
        sold.Out.ShouldContain("energy            10.00 kWh");
        refused.Exit.ShouldBe(2);
        refused.Err.Trim().ShouldBe("prepaid: card not swiped — swipe it at the meter first (purchase 2 of 10.00 kWh is not loaded yet)");
        await Swipe("Loaded");
        (await Vend("--card", "li", "sell", "--energy", "10")).Exit.ShouldBe(0);
    }

    [Theory]
    [InlineData("--energy", "0")]
    [InlineData("--energy", "-5")]
    [InlineData("--money", "1.234")]
    [InlineData("--money", "99999999999999999")]
    [InlineData("--energy", "ten")]
    public async Task Sell_BadAmount_Exits2AndChangesNothing(string option, string amount)
    {
        await SetUpSwipedAccount();
        var card = File.ReadAllText(_folder.File("cards/li.hex"));

        var result = await Vend("--card", "li", "sell", option, amount);

        result.Exit.ShouldBe(2);
        result.Err.ShouldStartWith("prepaid: ");
        File.ReadAllText(_folder.File("cards/li.hex")).ShouldBe(card);
        (await Vend("--json", "query", "purchases")).Out.Split("\"saleId\"").Length.ShouldBe(2);
    }

    [Fact]
    public async Task Vend_NoDatabase_Exits3Saying()
    {
        var result = await Vend("customer", "search", "x");

        result.Exit.ShouldBe(3);
        result.Err.ShouldContain("create one with 'prepaid vend init'");
    }

    [Theory]
    [InlineData("sle4442")]
    [InlineData("cpu")]
    public async Task Sell_ThroughPcscd_OntoACardServedByAnotherProcess_AndTheMeterLoadsIt(string media)
    {
        // counter → meter → counter with the card in a real PC/SC reader: `prepaid card serve` puts the card file in
        // vpcd's slot 1 as either medium, the counter sells through pcscd (no option says which medium: the reader
        // knows it from the ATR), the card file is saved, and the meter loads it.
        await SetUpSwipedAccount();
        using var slots = VpcdSlots.Take();
        var reader = PrepaidMeter.Hardware.Pcsc.VirtualCard.ReaderName(1);
        var serve = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "prepaid.dll"), "card", "serve", "--slot", "1", "--image", _folder.File("cards/li.hex"), "--media", media])
        {
            serve.ArgumentList.Add(arg);
        }

        using (var card = Process.Start(serve)!)
        {
            var ready = await card.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            ready.ShouldNotBeNull("prepaid card serve did not start").ShouldContain("in reader");
            ready.ShouldStartWith(media + " card");
            using (var watch = new PrepaidMeter.Hardware.Pcsc.PcscCardReader(reader))
            {
                // The card is in the reader once pcscd has seen it (it polls vpcd).
                (await watch.WaitForCardAsync(TimeSpan.FromSeconds(10), CancellationToken.None)).ShouldBe(PrepaidMeter.Cards.Readers.CardPresence.Present);
            }

            var sold = await Prepaid.RunAsync("vend", "--db", Db, "--reader", "pcsc:" + reader, "sell", "--energy", "10");
            sold.Exit.ShouldBe(0, sold.Err);

            using (var kill = Process.Start("kill", ["-TERM", card.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await card.WaitForExitAsync(timeout.Token);
            card.ExitCode.ShouldBe(0, await card.StandardError.ReadToEndAsync());
            (await card.StandardOutput.ReadToEndAsync()).ShouldContain("the image is saved");
        }

        await Swipe("Loaded");

        var missing = await Prepaid.RunAsync("vend", "--db", Db, "--reader", "pcsc:No Such Reader", "sell", "--energy", "10");
        missing.Exit.ShouldNotBe(0);
        missing.Err.ShouldContain("No Such Reader");
    }

    [Fact]
    public async Task MeterRun_TakesTheCardFromItsReader_TheCardGoesCounterMeterCounter_ThroughBothSlots()
    {
        // The whole loop through the real stack: the card sold at the counter (a folder reader) is served into
        // slot 0, carried to slot 1 where `prepaid meter run` loads it, and carried back to slot 0 where the
        // counter sells the next purchase through pcscd. Three processes, as on a bench.
        await SetUpSwipedAccount();
        (await Vend("--card", "li", "sell", "--energy", "10")).Exit.ShouldBe(0);
        using var slots = VpcdSlots.Take();
        using var meter = ChildPrepaid.Start("meter", "run", "-m", _folder.File("m.nvram"), "--reader", "pcsc:" + PrepaidMeter.Hardware.Pcsc.VirtualCard.ReaderName(1));
        using var card = ChildPrepaid.Start("card", "serve", "--slot", "0", "--image", _folder.File("cards/li.hex"));
        try
        {
            (await meter.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))).ShouldNotBeNull("meter run did not start").ShouldContain("waiting for cards");
            (await card.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))).ShouldNotBeNull("card serve did not start").ShouldContain("Virtual PCD 00 00");

            // Not swiped yet: the counter refuses the next sale.
            var counterReader = "pcsc:" + PrepaidMeter.Hardware.Pcsc.VirtualCard.ReaderName(0);
            await WaitForCard(PrepaidMeter.Hardware.Pcsc.VirtualCard.ReaderName(0));
            var early = await Prepaid.RunAsync("vend", "--db", Db, "--reader", counterReader, "sell", "--energy", "5");
            early.Exit.ShouldBe(2, early.Err);
            early.Err.ShouldContain("card not swiped");

            await card.StandardInput.WriteLineAsync("slot 1");
            (await card.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe("card in reader 'Virtual PCD 00 01'");
            (await ChildPrepaid.ReadUntil(meter.StandardError, "card: ")).ShouldContain("Loaded");

            await card.StandardInput.WriteLineAsync("slot 0");
            (await card.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe("card in reader 'Virtual PCD 00 00'");
            await WaitForCard(PrepaidMeter.Hardware.Pcsc.VirtualCard.ReaderName(0));
            var sold = await Prepaid.RunAsync("vend", "--db", Db, "--reader", counterReader, "sell", "--energy", "5");
            sold.Exit.ShouldBe(0, sold.Err);

            // The hand takes the card away (SIGTERM on `card serve` is the other pcscd test's way out).
            await card.StandardInput.WriteLineAsync("quit");
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await card.WaitForExitAsync(timeout.Token);
            }

            card.ExitCode.ShouldBe(0, await card.StandardError.ReadToEndAsync());
            await ChildPrepaid.Stop(meter);
            (await meter.StandardOutput.ReadToEndAsync()).ShouldContain("stopped after 1 cards; NVRAM saved");
        }
        finally
        {
            // A failed test must not leave a card in vpcd or a meter waiting on it.
            KillIfRunning(card);
            KillIfRunning(meter);
        }

        (await Vend("audit", "verify")).Exit.ShouldBe(0);

        // The NVRAM the device saved holds purchase 2, and the card now carries purchase 3 for it.
        await Swipe("Loaded");
    }

    private static void KillIfRunning(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static async Task WaitForCard(string reader)
    {
        using var watch = new PrepaidMeter.Hardware.Pcsc.PcscCardReader(reader);
        (await watch.WaitForCardAsync(TimeSpan.FromSeconds(10), CancellationToken.None)).ShouldBe(PrepaidMeter.Cards.Readers.CardPresence.Present);
    }
}
