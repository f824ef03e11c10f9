using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Tracing;

namespace PrepaidMeter.Hardware.Tests.MeterLink.Tracing;

/// <summary>A traced line passes every byte through and writes each frame, both ways, as one JSON line.</summary>
public sealed partial class TracingSerialLineTests
{
    private static readonly Dlt645Address Meter = Dlt645Address.From(12345678);

    /// <summary>A line whose reads hand out what the test queued, in the chunks queued; <see cref="Replies"/> arrive once something is written.</summary>
    private sealed class QueuedLine : ISerialLine
    {
        public Queue<byte[]> Incoming { get; } = new();

        public Queue<byte[]> Replies { get; } = new();

        public List<byte[]> Written { get; } = [];

        public string Name => "/dev/ttyTest";

        public Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            Written.Add(bytes.ToArray());
            while (Replies.TryDequeue(out var reply))
            {
                Incoming.Enqueue(reply);
            }

            return Task.CompletedTask;
        }

        public Task<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (!Incoming.TryDequeue(out var chunk))
            {
                return Task.FromResult(0);
            }

            chunk.CopyTo(buffer);
            return Task.FromResult(chunk.Length);
        }

        public void DiscardInput() => Incoming.Clear();

        public void Dispose()
        {
        }
    }

    private static (TracingSerialLine Line, QueuedLine Inner, StringWriter Lines) Traced(LinkProtocol protocol = LinkProtocol.Dlt645)
    {
        var inner = new QueuedLine();
        var lines = new StringWriter();
        return (new TracingSerialLine(inner, new LinkTrace(lines, new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero))), protocol), inner, lines);
    }

    private static JsonObject[] Lines(StringWriter lines) =>
        [.. lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

    [Fact]
    public async Task ReadExchange_SplitAcrossChunks_TracesTheRequestAndTheReplyOnceEach()
    {
        var (line, inner, lines) = Traced();
        var link = new SerialMeterLink(line, new LinkOptions(1, TimeSpan.FromSeconds(1)), TimeProvider.System);
        var reply = Dlt645Codec.Encode(Dlt645Messages.ReadReply(Meter, PrepaidItems.PurchaseCount.Id, [0x07, 0x00]));
        inner.Replies.Enqueue(reply[..7]);
        inner.Replies.Enqueue(reply[7..]);

        (await link.ReadAsync(Meter, PrepaidItems.PurchaseCount.Id, CancellationToken.None)).Value.ShouldBe(new byte[] { 0x07, 0x00 });

        var traced = Lines(lines);
        traced.Length.ShouldBe(2);
        traced[0]["dir"]!.GetValue<string>().ShouldBe("tx");
        traced[0]["frame"]!.GetValue<string>().ShouldBe(Convert.ToHexString(inner.Written[0]));
        traced[1]["dir"]!.GetValue<string>().ShouldBe("rx");
        traced[1]["frame"]!.GetValue<string>().ShouldBe(Convert.ToHexString(reply));
        traced[1]["value"]!.GetValue<string>().ShouldBe("7");
        traced[1]["time"]!.GetValue<string>().ShouldBe("2026-12-06T08:00:00.000Z");
    }

    [Fact]
    public async Task Receive_BytesThatMakeNoFrame_AreTracedAsNoiseWithWhy()
    {
        var (line, inner, lines) = Traced();
        var frame = Dlt645Codec.Encode(Dlt645Messages.Acknowledge(Meter, Dlt645Function.Control), wakeUp: 0);
        frame[^2] ^= 0xFF; // a bad checksum
        inner.Incoming.Enqueue(frame);

        await line.ReadAsync(new byte[64], TimeSpan.FromMilliseconds(1), CancellationToken.None);

        var noise = Lines(lines).ShouldHaveSingleItem();
        noise["noise"]!.GetValue<string>().ShouldStartWith("68");
        noise["error"]!.GetValue<string>().ShouldContain("checksum");
    }
}
