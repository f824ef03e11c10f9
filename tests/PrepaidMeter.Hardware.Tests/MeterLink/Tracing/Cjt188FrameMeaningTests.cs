using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Hardware.MeterLink.Tracing;

namespace PrepaidMeter.Hardware.Tests.MeterLink.Tracing;

/// <summary>What a trace says of each kind of CJ/T 188 frame.</summary>
public sealed class Cjt188FrameMeaningTests
{
    private static readonly Cjt188Address Meter = Cjt188Address.From(78_330_011_223_344);
    private static readonly Cjt188MeterType Water = Cjt188MeterType.ColdWater;

    [Fact]
    public void AbnormalReply_SaysRefusedWithTheStatusAsItsError()
    {
        var frame = Cjt188Messages.Abnormal(Water, Meter, Cjt188Function.ReadData, 7, Cjt188Status.Of(Cjt188ValveState.Closed, batteryLow: true));

        Cjt188FrameMeaning.Of(frame).ToString().ShouldBe("78330011223344 read refused: status valve closed, battery low");
        Cjt188FrameMeaning.Ser(frame).ShouldBe((byte)7);
    }

    [Fact]
    public void ReadRequest_InTheOtherByteOrder_NamesTheItemAndTheBytesSent()
    {
        var frame = Cjt188Messages.Read(Water, Meter, Cjt188DataIdentifier.MeteringData.Swapped, 3);

        var meaning = Cjt188FrameMeaning.Of(frame);

        meaning.DataIdentifier.ShouldBe("901F sent 90 1F");
        meaning.ToString().ShouldBe("78330011223344 read 901F sent 90 1F (metering data)");
        Cjt188FrameMeaning.Ser(frame).ShouldBe((byte)3);
    }

    [Fact]
    public void MeteringDataReply_WithoutARealTime_SaysNone()
    {
        var data = new Cjt188MeteringData(Cjt188Volume.From(5, Cjt188Unit.Litre), Cjt188Volume.From(0, (Cjt188Unit)0x99), null, new Cjt188Status(0x80, 0x01));
        var frame = Cjt188Messages.ReadReply(Water, Meter, Cjt188DataIdentifier.MeteringData, 1, data.ToBytes());

        Cjt188FrameMeaning.Of(frame).Value.ShouldBe("0.05 L, settlement date 0.00 unit 99H, time none, valve open, battery normal, manufacturer bits 8001");
    }

    [Theory]
    [InlineData(0x55, "open (55H)")]
    [InlineData(0x99, "close (99H)")]
    [InlineData(0xAA, "command AAH")]
    public void ValveRequest_SaysTheCommandByte(byte command, string expected)
    {
        var frame = new Cjt188Frame(Water, Meter, Cjt188Control.Request(Cjt188Function.WriteData), [0xA0, 0x17, 1, command]);

        Cjt188FrameMeaning.Of(frame).Value.ShouldBe(expected);
    }

    [Fact]
    public void UnknownItem_IsItsBytesInHexWithNoName()
    {
        var frame = Cjt188Messages.ReadReply(Water, Meter, new Cjt188DataIdentifier(0x81, 0x02), 1, [0x12, 0x34]);

        var meaning = Cjt188FrameMeaning.Of(frame);

        meaning.Item.ShouldBeNull();
        meaning.ToString().ShouldBe("78330011223344 read reply 8102 = 1234");
    }
}
