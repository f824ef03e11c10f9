using System.Text.Json.Nodes;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Hardware.MeterLink.Tracing;

namespace PrepaidMeter.Hardware.Tests.MeterLink.Tracing;

/// <summary>The same traced line cutting CJ/T 188 frames: every line marked with its protocol, a DL/T 645 line left as it was.</summary>
public sealed partial class TracingSerialLineTests
{
    private static readonly Cjt188Address WaterMeter = Cjt188Address.From(78_330_011_223_344);

    [Fact]
    public async Task Cjt188ReadExchange_SplitAcrossChunks_TracesBothFramesMarkedWithTypeAndSer()
    {
        var (line, inner, lines) = Traced(LinkProtocol.Cjt188);
        var link = new Cjt188MeterLink(line, new LinkOptions(1, TimeSpan.FromSeconds(1)), TimeProvider.System);
        var status = Cjt188Status.Of(Cjt188ValveState.Closed, batteryLow: false);
        var reply = Cjt188Codec.Encode(Cjt188Messages.ValveReply(Cjt188MeterType.ColdWater, WaterMeter, Cjt188DataIdentifier.ValveControl, 1, status));
        inner.Replies.Enqueue(reply[..9]);
        inner.Replies.Enqueue(reply[9..]);

        (await link.SetValveAsync(Cjt188MeterType.ColdWater, WaterMeter, Cjt188ValveCommand.Close, CancellationToken.None)).Success.ShouldBeTrue();

        var traced = Lines(lines);
        traced.Length.ShouldBe(2);
        traced.ShouldAllBe(l => l["protocol"]!.GetValue<string>() == "cjt188");
        traced[0]["frame"]!.GetValue<string>().ShouldBe(Convert.ToHexString(inner.Written[0]));
        traced[0]["value"]!.GetValue<string>().ShouldBe("close (99H)");
        traced[1]["frame"]!.GetValue<string>().ShouldBe(Convert.ToHexString(reply));
        traced[1]["type"]!.GetValue<string>().ShouldBe("10H (cold water)");
        traced[1]["ser"]!.GetValue<string>().ShouldBe("01");
        traced[1]["value"]!.GetValue<string>().ShouldBe("status valve closed, battery normal");
    }

    [Fact]
    public async Task Cjt188Receive_BadChecksum_IsNoiseMarkedCjt188SayingWhy()
    {
        var (line, inner, lines) = Traced(LinkProtocol.Cjt188);
        var frame = Cjt188Codec.Encode(Cjt188Messages.ReadAddressReply(Cjt188MeterType.Gas, WaterMeter, 1), wakeUp: 0);
        frame[^2] ^= 0xFF;
        inner.Incoming.Enqueue(frame);

        await line.ReadAsync(new byte[64], TimeSpan.FromMilliseconds(1), CancellationToken.None);

        // CJ/T 188 resynchronises past the bad 68H only (no second 68H to check), so the rest is noise of its own.
        var noise = Lines(lines);
        noise.Length.ShouldBe(2);
        noise.ShouldAllBe(l => l["protocol"]!.GetValue<string>() == "cjt188" && l.ContainsKey("noise"));
        noise[0]["noise"]!.GetValue<string>().ShouldBe("68");
        noise[0]["error"]!.GetValue<string>().ShouldContain("checksum");
    }

    [Fact]
    public async Task Dlt645Line_HasNoProtocolMember()
    {
        var (line, _, lines) = Traced();

        await line.WriteAsync(Dlt645Codec.Encode(Dlt645Messages.Read(Meter, PrepaidItems.PurchaseCount.Id)), CancellationToken.None);

        var traced = Lines(lines).ShouldHaveSingleItem();
        traced.ContainsKey("protocol").ShouldBeFalse("a DL/T 645 line is what it was before CJ/T 188 was traced");
        traced.Select(p => p.Key).ShouldBe(["time", "port", "dir", "frame", "address", "control", "function", "di", "item"]);
    }
}
