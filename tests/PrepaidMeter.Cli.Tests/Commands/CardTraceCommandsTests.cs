using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Traces;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// `prepaid card trace show|export|diff|replay --card|import` on trace files of a sale made in memory (SaleOnACard) and on the
/// pcsc-spy logs of fixtures/traces, and `--trace` refused where it cannot record.
/// </summary>
public sealed class CardTraceCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string TraceOfASale(string name, decimal kwh)
    {
        var path = _folder.File(name);
        using var trace = JsonLinesCardTrace.Create(path, TimeProvider.System);
        foreach (var exchange in SaleOnACard.Sell(SaleOnACard.Card(2, 30m), kwh))
        {
            trace.Record(exchange);
        }

        return path;
    }

    [Fact]
    public async Task Show_WithTheLayout_NamesTheFieldsTheSaleChanged_AndNeverTheCode()
    {
        var result = await Prepaid.RunAsync("card", "trace", "show", TraceOfASale("sale.jsonl", 40m), "--layout", "pm-ref-v1", "--secret", CounterOnFiles.Secret);

        result.Exit.ShouldBe(0, result.Err);
        result.Out.ShouldContain("  = purchase 30.00 → 40.00, purchaseCount 2 → 3\n");
        result.Out.ShouldContain("  → PRESENT PSC ** ** **: FF 20 00 00 03 ** ** **\n");
    }

    [Fact]
    public async Task Show_AMacLayoutWithoutTheSecret_Exits1Saying()
    {
        var result = await Prepaid.RunAsync("card", "trace", "show", TraceOfASale("sale.jsonl", 40m), "--layout", "pm-ref-v1");

        result.Exit.ShouldBe(1);
        result.Err.ShouldContain("give --secret");
    }

    [Fact]
    public async Task Show_AFileThatIsNoTrace_Exits2NamingTheLine()
    {
        var path = _folder.File("notes.jsonl");
        await File.WriteAllTextAsync(path, "\n{\"time\": 1}\n");

        var result = await Prepaid.RunAsync("card", "trace", "show", path);

        result.Exit.ShouldBe(2);
        result.Err.Trim().ShouldBe($"prepaid: {path}: line 2: 'time' must be a string");
    }

    [Fact]
    public async Task Export_WritesTheCommandsAsAScriptorScript()
    {
        var script = _folder.File("sale.scriptor");

        var result = await Prepaid.RunAsync("card", "trace", "export", TraceOfASale("sale.jsonl", 40m), "--scriptor", script);

        result.Exit.ShouldBe(0, result.Err);
        var apdus = (await File.ReadAllLinesAsync(script)).Where(l => !l.StartsWith('#')).ToList();
        apdus[0].ShouldBe("FF A4 00 00 01 06");
        apdus[3].ShouldBe("FF 20 00 00 03 " + CounterOnFiles.Secret[..6].Insert(4, " ").Insert(2, " "));
        result.Out.ShouldBe($"{apdus.Count} APDUs written to {script}\n");
    }

    [Fact]
    public async Task Export_ToAFolderThatIsNotThere_Exits3()
    {
        var result = await Prepaid.RunAsync("card", "trace", "export", TraceOfASale("sale.jsonl", 40m), "--scriptor", _folder.File("no/such/folder/s.scriptor"));

        result.Exit.ShouldBe(3);
        result.Err.ShouldStartWith("prepaid: cannot write ");
    }

    [Fact]
    public async Task Diff_TwoSalesOfOtherAmounts_Exits2NamingTheFieldsTheCardsAreLeftWith()
    {
        var result = await Prepaid.RunAsync("card", "trace", "diff", TraceOfASale("a.jsonl", 40m), TraceOfASale("b.jsonl", 45m), "--layout", "pm-ref-v1", "--secret", CounterOnFiles.Secret);

        result.Exit.ShouldBe(2, result.Err);
        result.Out.ShouldContain("the cards are left with purchase: A 40.00; B 45.00\n");
    }

    [Fact]
    public async Task Diff_ATraceWithItself_Exits0SayingTheSame()
    {
        var a = TraceOfASale("a.jsonl", 40m);

        var result = await Prepaid.RunAsync("card", "trace", "diff", a, a);

        result.Exit.ShouldBe(0, result.Err);
        result.Out.ShouldStartWith("the same: ");
    }

    [Fact]
    public async Task Vend_TraceWithAReaderThatSpeaksNoApdus_IsAUsageError()
    {
        var result = await Prepaid.RunAsync("vend", "--db", _folder.File("prepaid.db"), "--reader", "memory", "--trace", _folder.File("t.jsonl"), "sell", "--energy", "10");

        result.Exit.ShouldBe(1);
        result.Err.ShouldContain("--trace records the APDUs a PC/SC reader exchanges");
        File.Exists(_folder.File("t.jsonl")).ShouldBeFalse();
    }

    private static string SpyLog(string name) => RepoPaths.Fixtures("traces", name);

    [Fact]
    public async Task Import_ARawSpyLog_WritesATraceOfItsTransmits()
    {
        var output = _folder.File("scriptor.jsonl");

        var result = await Prepaid.RunAsync("card", "trace", "import", SpyLog("scriptor-sle4442.spy.log"), "-o", output);

        result.Exit.ShouldBe(0, result.Err);
        result.Out.ShouldBe($"5 APDUs in 1 card session, from 12 PC/SC calls (raw pcsc-spy log), written to {output}\n");
        var trace = CardTraceFile.Read(output);
        trace.Exchanges.Select(e => Convert.ToHexString(e.Command)).ShouldBe(["FFA400000106", "FFB0000008", "FF20000003123456", "FFD0004002AABB", "FF"]);
    }

    [Theory]
    [InlineData("FF A4 00 00 01 06 ", "FF A4 00 00 01 0", "line 54: SCardTransmit's command 'FF A4 00 00 01 0' is not bytes in hex pairs")]
    [InlineData("90 00 ", "9Z 00", "line 54: SCardTransmit's response '9Z 00' is not bytes in hex pairs")]
    public async Task Import_ATransmitThatIsNotHex_Exits2NamingTheLine_AndLeavesTheOutputAlone(string good, string bad, string why)
    {
        var log = _folder.File("bad.spy.log");
        var lines = File.ReadAllLines(SpyLog("scriptor-sle4442.spy.log"));
        var at = Array.FindIndex(lines, 44, l => l.EndsWith("@" + good, StringComparison.Ordinal));
        lines[at] = lines[at].Replace(good, bad, StringComparison.Ordinal);
        File.WriteAllLines(log, lines);
        var output = _folder.File("kept.jsonl");
        File.WriteAllText(output, "kept\n");

        var result = await Prepaid.RunAsync("card", "trace", "import", log, "-o", output);

        result.Exit.ShouldBe(2, result.Out);
        result.Err.ShouldContain(why);
        File.ReadAllText(output).ShouldBe("kept\n");
    }

    [Fact]
    public async Task Import_ALogCutShort_KeepsTheUnansweredApdu_AndCountsTheCallsItCannotTell()
    {
        var log = _folder.File("cut.spy.log");
        var lines = File.ReadAllLines(SpyLog("scriptor-sle4442.spy.log"));
        // Begun after the first transmit's call line (its return is there, its start is not), and cut before the last's return.
        var last = Array.FindLastIndex(lines, l => l.Contains("@<|", StringComparison.Ordinal) && l.Contains("SCardTransmit", StringComparison.Ordinal));
        File.WriteAllLines(log, lines[45..last]);
        var output = _folder.File("cut.jsonl");

        var result = await Prepaid.RunAsync("card", "trace", "import", log, "-o", output);

        result.Exit.ShouldBe(0, result.Err);
        result.Out.ShouldContain("; 1 APDU without an answer");
        result.Out.ShouldContain("; 1 call skipped: the log holds its end but not its start");
        var trace = CardTraceFile.Read(output);
        trace.Exchanges[^1].Error.ShouldBe("no return in the log: it ends before this call returned");
        trace.Exchanges[^1].Response.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2026-12-06T08:00:00Z", "2026-12-06T08:00:00.000000Z")]
    [InlineData("2026-12-06T08:00:00", "2026-12-06T08:00:00.000000Z")]
    [InlineData("2026-12-06", "2026-12-06T00:00:00.000000Z")]
    [InlineData("2026-12-06T16:00:00+08:00", "2026-12-06T08:00:00.000000Z")]
    public async Task Import_StartInIso8601_IsReadTheSameOnEveryMachine(string start, string firstTime)
    {
        var output = _folder.File("printed.jsonl");

        var result = await Prepaid.RunAsync("card", "trace", "import", SpyLog("scriptor-sle4442.printed.txt"), "-o", output, "--start", start);

        result.Exit.ShouldBe(0, result.Err);
        File.ReadLines(output).First().ShouldContain($"\"time\":\"{firstTime[..^8]}");
    }

    [Theory]
    [InlineData("06/12/2026", 1, "not an ISO 8601 time")]
    [InlineData("garbage", 1, "not an ISO 8601 time")]
    [InlineData("9999-12-31T23:59:59.999Z", 2, "run past the year 9999")]
    public async Task Import_StartNotIsoOrTooLate_IsRefusedInOneLine(string start, int exit, string why)
    {
        var result = await Prepaid.RunAsync("card", "trace", "import", SpyLog("scriptor-sle4442.printed.txt"), "-o", _folder.File("t.jsonl"), "--start", start);

        result.Exit.ShouldBe(exit, result.Out);
        result.Err.ShouldContain(why);
        result.Err.Trim().Split('\n').ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Import_OutputIsTheLogItself_IsAUsageError_AndTheLogIsKept()
    {
        var log = _folder.File("same.spy.log");
        File.Copy(SpyLog("scriptor-sle4442.spy.log"), log);

        var result = await Prepaid.RunAsync("card", "trace", "import", log, "-o", log);

        result.Exit.ShouldBe(1);
        result.Err.ShouldContain("that is the log being imported");
        File.ReadAllText(log).ShouldBe(File.ReadAllText(SpyLog("scriptor-sle4442.spy.log")));
    }

    [Fact]
    public async Task Show_APrintedSpyLog_ReadsItAsATrace()
    {
        var result = await Prepaid.RunAsync("card", "trace", "show", SpyLog("scriptor-sle4442.printed-colour.txt"));

        result.Exit.ShouldBe(0, result.Err);
        result.Out.ShouldContain("SELECT CARD TYPE");
        result.Out.ShouldContain("67 00");
    }

    [Fact]
    public async Task Import_AFileThatIsNoSpyLog_Exits2SayingSo()
    {
        var path = _folder.File("notes.txt");
        await File.WriteAllTextAsync(path, "hello\n");

        var result = await Prepaid.RunAsync("card", "trace", "import", path, "-o", _folder.File("t.jsonl"));

        result.Exit.ShouldBe(2);
        result.Err.ShouldStartWith($"prepaid: {path}: not a pcsc-spy log");
        File.Exists(_folder.File("t.jsonl")).ShouldBeFalse();
    }

    [Fact]
    public async Task Replay_OnTheCardFileTheSaleStartedFrom_AnswersAlikeAndLeavesTheFile()
    {
        var card = _folder.File("before.hex");
        FolderCardReader.Save(card, SaleOnACard.Card(2, 30m));
        var before = await File.ReadAllTextAsync(card);

        var result = await Prepaid.RunAsync("card", "trace", "replay", TraceOfASale("sale.jsonl", 40m), "--card", card);

        result.Exit.ShouldBe(0, result.Out + result.Err);
        result.Out.ShouldEndWith(" APDUs replayed, 0 answered differently\n");
        (await File.ReadAllTextAsync(card)).ShouldBe(before);
    }

    [Fact]
    public async Task Replay_OnAnotherCardFile_Exits2NamingTheAnswersThatDiffer()
    {
        var card = _folder.File("other.hex");
        FolderCardReader.Save(card, SaleOnACard.Card(5, 12m));

        var result = await Prepaid.RunAsync("card", "trace", "replay", TraceOfASale("sale.jsonl", 40m), "--card", card);

        result.Exit.ShouldBe(2, result.Err);
        result.Out.ShouldContain("READ at 0, 255 bytes");
        result.Out.ShouldContain("(first difference at response byte ");
    }

    [Theory]
    [InlineData("--reader", "pcsc:X", "--card", "x.hex")]
    [InlineData("--media", "cpu", "--reader", "pcsc:X")]
    public async Task Replay_BothCardsOrMediaWithAReader_Exits1(params string[] options)
    {
        var result = await Prepaid.RunAsync(["card", "trace", "replay", TraceOfASale("sale.jsonl", 40m), .. options]);

        result.Exit.ShouldBe(1);
        result.Err.ShouldStartWith("prepaid: ");
    }
}
