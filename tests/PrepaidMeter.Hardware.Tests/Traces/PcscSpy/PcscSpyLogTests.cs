using PrepaidMeter.Hardware.Traces;
using PrepaidMeter.Hardware.Traces.PcscSpy;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.Traces.PcscSpy;

/// <summary>
/// pcsc-spy logs read as card traces. The fixtures (fixtures/traces) are one scriptor session against the virtual
/// SLE4442 through pcscd, spied by Debian's libpcscspy: the raw FIFO lines, and `pcsc-spy -n`, `pcsc-spy` (colours)
/// and `pcsc-spy -n -t` printing them.
/// </summary>
public sealed class PcscSpyLogTests
{
    private static readonly DateTimeOffset Clockless = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Command, string Response)[] ScriptorSession =
    [
        ("FFA4000001" + "06", "9000"),
        ("FFB0000008", "FFFFFFFFFFFFFFFF9000"),
        ("FF20000003123456", "9000"),
        ("FFD0004002AABB", "6982"),
        ("FF", "6700"),
    ];

    private static PcscSpyImport Import(string fixture) => PcscSpyLog.Read(File.ReadAllText(RepoPaths.Fixtures("traces", fixture)), Clockless);

    [Theory]
    [InlineData("scriptor-sle4442.spy.log", PcscSpyForm.Raw)]
    [InlineData("scriptor-sle4442.printed.txt", PcscSpyForm.Printed)]
    [InlineData("scriptor-sle4442.printed-colour.txt", PcscSpyForm.Printed)]
    [InlineData("scriptor-sle4442.printed-threads.txt", PcscSpyForm.Printed)]
    public void Read_ScriptorSession_GivesEachTransmitAsAnExchange(string fixture, PcscSpyForm form)
    {
        var import = Import(fixture);

        import.Form.ShouldBe(form);
        import.Trace.Problem.ShouldBeNull();
        import.Trace.Exchanges.Select(e => (Convert.ToHexString(e.Command), Convert.ToHexString(e.Response))).ShouldBe(ScriptorSession);
        import.Trace.Exchanges.ShouldAllBe(e => e.Side == TraceSide.Reader && e.Reader == "Virtual PCD 00 00" && e.Error == null);
        import.Calls.ShouldBe(12);
    }

    [Fact]
    public void Read_ReconnectThatResetsTheCard_StartsANewSessionWithTheStatusAtr()
    {
        // scriptor connects, then reconnects with SCARD_RESET_CARD before its first APDU: every exchange is session 2.
        var exchanges = Import("scriptor-sle4442.spy.log").Trace.Exchanges;

        exchanges.ShouldAllBe(e => e.Session == 2);
        exchanges.ShouldAllBe(e => e.Atr != null && Convert.ToHexString(e.Atr) == "3B04A2131091");
    }

    [Fact]
    public void Read_RawLog_TakesTheSpysClockAndDurations()
    {
        var first = Import("scriptor-sle4442.spy.log").Trace.Exchanges[0];

        first.Time.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1796538282).AddTicks(377386 * 10));
        first.Duration.ShouldBe(TimeSpan.FromTicks((377732 - 377386) * 10));
    }

    [Fact]
    public void Read_PrintedLog_LaysCallsEndToEndFromTheGivenStart()
    {
        var raw = Import("scriptor-sle4442.spy.log").Trace.Exchanges;
        var printed = Import("scriptor-sle4442.printed.txt").Trace.Exchanges;

        printed.Select(e => e.Duration).ShouldBe(raw.Select(e => e.Duration));
        printed[0].Time.ShouldBeGreaterThan(Clockless);
        printed.Zip(printed.Skip(1)).ShouldAllBe(pair => pair.Second.Time >= pair.First.Time + pair.First.Duration);
    }

    [Fact]
    public void Read_TransmitToARemovedCard_IsAnExchangeWithTheErrorAndNoResponse()
    {
        var log = string.Join('\n',
            "1@>|100|0|SCardTransmit", "1@0x0000000A", "1@0x00000001", "1@0x00000010", "1@0x00000005", "1@FF B0 00 00 02 ",
            "1@0x00000001", "1@0x00000010", "1@0x00000000", "1@", "1@<|100|500|SCardTransmit|Card was removed.|0x80100069");

        var exchange = PcscSpyLog.Read(log, Clockless).Trace.Exchanges.ShouldHaveSingleItem();

        exchange.Response.ShouldBeEmpty();
        exchange.Error.ShouldBe("Card was removed. (0x80100069)");
        exchange.Duration.ShouldBe(TimeSpan.FromMicroseconds(500));
    }

    [Fact]
    public void Read_TwoThreadsInterleaved_KeepsEachThreadsArgumentsAndOrdersByStart()
    {
        static string[] Transmit(string thread, int start, string command, string response) =>
        [
            $"{thread}@>|200|{start}|SCardTransmit", $"{thread}@0x0000000B", $"{thread}@0x00000001", $"{thread}@0x00000010", $"{thread}@0x00000001",
            $"{thread}@{command} ", $"{thread}@0x00000001", $"{thread}@0x00000010", $"{thread}@0x00000002", $"{thread}@{response} ",
            $"{thread}@<|200|{start + 50}|SCardTransmit|Command successful.|0x00000000",
        ];

        var a = Transmit("A", 10, "AA", "90 00");
        var b = Transmit("B", 5, "BB", "6A 82");
        string[] interleaved = [.. a.Zip(b).SelectMany(pair => new[] { pair.First, pair.Second })];

        var exchanges = PcscSpyLog.Read(string.Join('\n', interleaved), Clockless).Trace.Exchanges;

        exchanges.Select(e => (Convert.ToHexString(e.Command), Convert.ToHexString(e.Response))).ShouldBe([("BB", "6A82"), ("AA", "9000")]);
    }

    [Fact]
    public void Read_ResponseLongerThanOneHexdumpRow_JoinsTheRows()
    {
        var log = string.Join('\n',
            "SCardTransmit",
            " i hCard: 0x0000000C",
            " i bSendLength 0x00000005 (5)",
            " i bSendBuffer",
            " i  0000 FF B0 00 00 12                                  .....",
            " o bRecvLength 0x00000014 (20)",
            " o bRecvBuffer",
            " o  0000 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F  ................",
            " o  0010 10 11 90 00                                      ....",
            " => Command successful. (SCARD_S_SUCCESS [0x00000000])  [0.001000]");

        var exchange = PcscSpyLog.Read(log, Clockless).Trace.Exchanges.ShouldHaveSingleItem();

        Convert.ToHexString(exchange.Response).ShouldBe("000102030405060708090A0B0C0D0E0F10119000");
        exchange.Duration.ShouldBe(TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void Read_TextThatIsNoSpyLog_SaysSo()
    {
        var import = PcscSpyLog.Read("hello\nworld\n", Clockless);

        import.Form.ShouldBeNull();
        import.Trace.Problem.ShouldNotBeNull().ShouldContain("not a pcsc-spy log");
    }

    [Fact]
    public void Read_BrokenCallLine_NamesTheLine()
    {
        var import = PcscSpyLog.Read("1@>|100|0|SCardTransmit\n1@<|100|x|SCardTransmit|ok|0x0\n", Clockless);

        import.Trace.Problem.ShouldBe("line 2: a call's last line is '<|sec|usec|Function|text|0xRV', not '<|100|x|SCardTransmit|ok|0x0'");
    }

    [Fact]
    public void CardTraceInput_JsonLinesOrSpyLog_ReadsEither()
    {
        using var folder = new TempFolder();
        var spy = RepoPaths.Fixtures("traces", "scriptor-sle4442.spy.log");
        var jsonl = folder.File("t.jsonl");
        using (var trace = JsonLinesCardTrace.Create(jsonl, TimeProvider.System))
        {
            foreach (var exchange in CardTraceInput.Read(spy, Clockless).Exchanges)
            {
                trace.Record(exchange);
            }
        }

        CardTraceInput.Read(jsonl, Clockless).Exchanges.Select(e => Convert.ToHexString(e.Command)).ShouldBe(ScriptorSession.Select(s => s.Command));
        File.WriteAllText(folder.File("x.txt"), "nothing here\n");
        CardTraceInput.Read(folder.File("x.txt"), Clockless).Problem.ShouldNotBeNull().ShouldStartWith("neither a trace");
    }
}
