using System.Text;
using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Hardware.Traces;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.Traces;

public sealed class JsonLinesCardTraceTests
{
    private static readonly ApduExchange ReaderSide = new(Some.Moment.AddTicks(1234560), TraceSide.Reader, "Virtual PCD 00 00", 1,
        [0xFF, 0xB0, 0x00, 0x00, 0x02], [0xAB, 0xCD, 0x90, 0x00], TimeSpan.FromMilliseconds(0.4126))
    {
        Atr = [0x3B, 0x04, 0xA2, 0x13, 0x10, 0x91],
    };

    [Fact]
    public void Record_AReaderSideExchange_IsOneLineInTheDocumentedForm()
    {
        var text = Write(ReaderSide);

        text.ShouldBe("""{"time":"2026-11-23T08:30:00.123456Z","side":"reader","reader":"Virtual PCD 00 00","session":1,"atr":"3B04A2131091","command":"FFB0000002","response":"ABCD9000","sw":"9000","ms":0.413}""" + "\n");
    }

    [Fact]
    public void Record_ACardSideExchangeAndAFailedOne_CarryTheCardsStateAndTheError()
    {
        var card = ReaderSide with { Side = TraceSide.Card, Atr = null, Card = new CardState("sle4442", true, 3) };
        var failed = ReaderSide with { Response = [], Atr = null, Error = "the card was removed" };

        var lines = Write(card, failed).Split('\n');

        lines[0].ShouldEndWith("""
            "command":"FFB0000002","response":"ABCD9000","sw":"9000","ms":0.413,"medium":"sle4442","unlocked":true,"errorCounter":3}
            """);
        lines[0].ShouldContain("\"side\":\"card\"");
        lines[1].ShouldEndWith("""
            "response":"","sw":"","ms":0.413,"error":"the card was removed"}
            """);
    }

    [Fact]
    public void Read_WhatWasWritten_GivesTheSameExchanges()
    {
        var exchanges = SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m);

        var read = CardTraceFile.Read(new StringReader(Write([.. exchanges])));

        read.Success.ShouldBeTrue(read.Problem);
        read.Exchanges.Count.ShouldBe(exchanges.Count);
        read.Exchanges.Zip(exchanges).ShouldAllBe(p => p.First.Command.SequenceEqual(p.Second.Command)
            && p.First.Response.SequenceEqual(p.Second.Response) && p.First.Time == p.Second.Time && p.First.Card == p.Second.Card);
    }

    [Theory]
    [InlineData("not json", "line 2: not JSON")]
    [InlineData("""{"time":"2026-11-23T08:30:00.000000Z","side":"reader","reader":"r","session":1,"command":"FFXX","response":"9000","sw":"9000","ms":1}""", "line 2: 'command' is not hex: 'FFXX'")]
    [InlineData("""{"time":"yesterday","side":"reader","reader":"r","session":1,"command":"FF","response":"9000","sw":"9000","ms":1}""", "line 2: ")]
    [InlineData("""{"time":"2026-11-23T08:30:00.000000Z","side":"meter","reader":"r","session":1,"command":"FF","response":"9000","sw":"9000","ms":1}""", "line 2: 'side' is 'meter'")]
    public void Read_ALineThatIsNoExchange_IsRefusedNamingTheLine(string line, string expected)
    {
        var read = CardTraceFile.Read(new StringReader(Write(ReaderSide) + line + "\n"));

        read.Success.ShouldBeFalse();
        read.Problem.ShouldStartWith(expected);
    }

    [Fact]
    public void Record_ADestinationThatFails_StopsRecordingAndSaysWhy_WithoutThrowing()
    {
        var stream = new FailingStream(bytesAllowed: 300);
        var trace = new JsonLinesCardTrace(stream, new FakeTimeProvider(Some.Moment));

        for (var i = 0; i < 5; i++)
        {
            trace.Record(ReaderSide);
        }

        trace.Lines.ShouldBe(1);
        trace.Failure.ShouldBeOfType<IOException>().Message.ShouldBe("No space left on device");
    }

    private static string Write(params ApduExchange[] exchanges)
    {
        var stream = new MemoryStream();
        using (var trace = new JsonLinesCardTrace(stream, new FakeTimeProvider(Some.Moment)))
        {
            foreach (var exchange in exchanges)
            {
                trace.Record(exchange);
            }

            trace.Failure.ShouldBeNull();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A disk that fills up after <paramref name="bytesAllowed"/> bytes.</summary>
    private sealed class FailingStream(int bytesAllowed) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > bytesAllowed)
            {
                throw new IOException("No space left on device");
            }

            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override void WriteByte(byte value) => Write([value], 0, 1);
    }
}
