using System.Diagnostics;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Hardware.Traces;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// A sale through the real PC/SC stack with `--trace`: the counter (`prepaid vend --reader pcsc:…`) records the reader's
/// side while the virtual card in vpcd's slot 0 records its own (<see cref="TracingMedium"/>); the trace is then shown with
/// the layout, compared with the card's side, replayed, and run by pcsc-tools' own scriptor. tools/test.sh starts pcscd.
/// </summary>
public sealed class TraceThroughPcscdTests : IDisposable
{
    private static readonly string Reader = VirtualCard.ReaderName(0);
    private readonly TempFolder _folder = new();

    public TraceThroughPcscdTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

    public void Dispose()
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    private string Db => _folder.File("prepaid.db");

    [Fact]
    public async Task Sell_WithTrace_IsShownInTheFieldsItChanged_TheSameOnBothSides_AndReplaysOnTheCardAsItWas()
    {
        var before = await SetUpAccountAsync();
        using var slots = VpcdSlots.Take();
        var (readerSide, cardSide) = (_folder.File("reader.jsonl"), _folder.File("card.jsonl"));
        await SellTracedAsync(before, readerSide, cardSide);

        var shown = await Prepaid.RunAsync("card", "trace", "show", readerSide, "--layout", "pm-ref-v1", "--secret", CounterOnFiles.Secret);
        var diff = await Prepaid.RunAsync("card", "trace", "diff", readerSide, cardSide);

        shown.Exit.ShouldBe(0, shown.Err);
        var fields = shown.Out.Split('\n').Single(l => l.Contains("purchaseCount", StringComparison.Ordinal));
        fields.ShouldContain("purchase 50.00 → 10.00");
        fields.ShouldContain("purchaseCount 1 → 2");
        shown.Out.ShouldContain(" reader 'Virtual PCD 00 00' session 1, ");
        diff.Out.ShouldStartWith("the same: ");
        diff.Exit.ShouldBe(0);

        await using (await InsertAsync(new MemoryCardOnAcsReader(Card(before))))
        {
            var asItWas = await Prepaid.RunAsync("card", "trace", "replay", readerSide, "--reader", "pcsc:" + Reader);
            var again = await Prepaid.RunAsync("card", "trace", "replay", readerSide, "--reader", "pcsc:" + Reader);

            asItWas.Exit.ShouldBe(0, asItWas.Out + asItWas.Err);
            asItWas.Out.ShouldEndWith(" answered differently\n");
            again.Exit.ShouldBe(2, "the card now holds the sale: its first read answers otherwise");
            again.Out.ShouldContain("#2 READ at 0, 255 bytes: recorded 255 bytes, 90 00 ok; now 255 bytes, 90 00 ok (first difference at response byte ");
        }
    }

    [Fact]
    public async Task Export_OfASale_RunsInPcscToolsScriptor_WithTheRecordedAnswers()
    {
        if (!File.Exists("/usr/bin/scriptor"))
        {
            throw new InvalidOperationException("pcsc-tools' scriptor is not installed; tools/test.sh installs it");
        }

        var before = await SetUpAccountAsync();
        using var slots = VpcdSlots.Take();
        var readerSide = _folder.File("reader.jsonl");
        await SellTracedAsync(before, readerSide, _folder.File("card.jsonl"));
        var script = _folder.File("sale.scriptor");
        (await Prepaid.RunAsync("card", "trace", "export", readerSide, "--scriptor", script)).Exit.ShouldBe(0);
        var recorded = CardTraceFile.Read(readerSide).Exchanges;

        List<string> answers;
        await using (await InsertAsync(new MemoryCardOnAcsReader(Card(before))))
        {
            answers = await ScriptorAsync(script);
        }

        answers.ShouldBe(recorded.Select(e => ApduNames.Hex(e.Response)));
    }

    [Fact]
    public async Task Sell_WithATraceThatFillsTheDisk_StillMakesTheSale_ThenSaysSoAndExits3()
    {
        var before = await SetUpAccountAsync();
        using var slots = VpcdSlots.Take();
        var card = Card(before);

        (int Exit, string Out, string Err) sold;
        await using (await InsertAsync(new MemoryCardOnAcsReader(card)))
        {
            sold = await Prepaid.RunAsync("vend", "--db", Db, "--reader", "pcsc:" + Reader, "--trace", "/dev/full", "sell", "--energy", "10");
        }

        sold.Exit.ShouldBe(3, sold.Err);
        sold.Err.Trim().ShouldBe("prepaid: cannot write /dev/full: no space left on device; the trace holds the first 0 exchanges only (the command's own work is not affected)");
        sold.Out.ShouldContain("committed");
        PrepaidMeter.Cards.Layouts.CardLayouts.ReferenceV1.Decode(card.Memory, PrepaidMeter.Cards.Integrity.SupplyGroupKeys.Derive(Convert.FromHexString(CounterOnFiles.Secret)))
            .GetRecordOrThrow().PurchaseCount.Value.ShouldBe(2u, "the card holds the sale");
    }

    /// <summary>An account whose card "li" holds purchase 1 of 50 kWh, loaded by its meter; the card's memory.</summary>
    private async Task<byte[]> SetUpAccountAsync()
    {
        await new CounterOnFiles(_folder, Db).SetUpSwipedAccount();
        return Card(null).Memory.ToArray();
    }

    private MemoryCard Card(byte[]? memory)
    {
        FolderCardReader.TryLoad(_folder.File("cards/li.hex"), out var card).ShouldBeNull();
        return memory is null ? card! : new MemoryCard(card!.Medium, memory, card.Psc, card.TriesLeft);
    }

    private async Task SellTracedAsync(byte[] before, string readerSide, string cardSide)
    {
        using var cardTrace = JsonLinesCardTrace.Create(cardSide, TimeProvider.System);
        await using (await InsertAsync(new TracingMedium(new MemoryCardOnAcsReader(Card(before)), cardTrace)))
        {
            var sold = await Prepaid.RunAsync("vend", "--db", Db, "--reader", "pcsc:" + Reader, "--trace", readerSide, "sell", "--energy", "10");
            sold.Exit.ShouldBe(0, sold.Err);
        }

        cardTrace.Failure.ShouldBeNull();
    }

    /// <summary>Puts <paramref name="medium"/> into slot 0 once pcscd has seen the last card leave, and waits until it sees this one.</summary>
    private static Task<VirtualCard> InsertAsync(IVirtualCardMedium medium) => VpcdSlot.InsertAsync(0, medium);

    /// <summary>Runs pcsc-tools' scriptor on <paramref name="script"/>; each response it printed, as hex with spaces.</summary>
    private static async Task<List<string>> ScriptorAsync(string script)
    {
        using var scriptor = Process.Start(new ProcessStartInfo("scriptor", ["-r", Reader, script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await scriptor.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await scriptor.WaitForExitAsync(timeout.Token);
        scriptor.ExitCode.ShouldBe(0, output + await scriptor.StandardError.ReadToEndAsync());
        // "< 90 00 : Normal processing." — the answer before the " : " and scriptor's words for its status; a long answer
        // goes on over more lines, 16 bytes a line, until the one with the status.
        var answers = new List<string>();
        List<string>? answer = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("< ", StringComparison.Ordinal))
            {
                answer = [];
            }

            if (answer is null)
            {
                continue;
            }

            var end = line.IndexOf(" : ", StringComparison.Ordinal);
            answer.AddRange((end < 0 ? line : line[..end]).TrimStart('<').Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (end >= 0)
            {
                answers.Add(string.Join(' ', answer));
                answer = null;
            }
        }

        return answers;
    }
}
