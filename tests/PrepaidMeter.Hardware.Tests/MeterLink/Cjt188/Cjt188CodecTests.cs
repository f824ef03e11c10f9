using PrepaidMeter.Hardware.MeterLink.Cjt188;

namespace PrepaidMeter.Hardware.Tests.MeterLink.Cjt188;

/// <summary>
/// Known frames from public examples, byte for byte: the SC water meter walk-through at
/// https://hftangyu.com/563.html (meter 78330011223344), and python_cjt188 by Aixi Wang (BSD), a tool tested
/// against a DN15 water meter (meter 00000000000012). Their checksums were verified by hand before use.
/// </summary>
public sealed class Cjt188CodecTests
{
    private static readonly Cjt188Address ScMeter = Cjt188Address.From(78_330_011_223_344);
    private static readonly Cjt188Address AixiMeter = Cjt188Address.From(12);

    [Fact]
    public void Encode_Read901F_IsTheScMetersPublishedRequest()
    {
        var wire = Cjt188Codec.Encode(Cjt188Messages.Read(Cjt188MeterType.ColdWater, ScMeter, Cjt188DataIdentifier.MeteringData, 0x00), wakeUp: 4);

        wire.ShouldBe(Convert.FromHexString("FEFEFEFE68104433221100337801031F90008016"));
    }

    [Fact]
    public void Encode_ReadAddress_IsPythonCjt188sBroadcastRequest()
    {
        var wire = Cjt188Codec.Encode(Cjt188Messages.ReadAddress(0x00), wakeUp: 0);

        wire.ShouldBe(Convert.FromHexString("68AAAAAAAAAAAAAAAA0303810A004916"));
    }

    [Fact]
    public void Decode_PythonCjt188sReadAddressReply_GivesTheMetersTypeAndAddress()
    {
        var decoded = Cjt188Codec.Decode(Convert.FromHexString("FEFEFE6810120000000000008303810A009B16"));

        decoded.Error.ShouldBe(Cjt188FrameError.None, decoded.Detail);
        var reply = decoded.Frame!;
        reply.MeterType.ShouldBe(Cjt188MeterType.ColdWater);
        reply.Address.ShouldBe(AixiMeter);
        reply.Control.ShouldBe(Cjt188Control.Reply(Cjt188Function.ReadAddress));
        Cjt188DataIdentifier.Read(reply.Data).ShouldBe(Cjt188DataIdentifier.ReadAddress);
    }

    [Fact]
    public void Decode_ScMetersReplyBody_GivesFlowsTimeAndStatus()
    {
        // The page prints this reply's checksum as 08H, which its bytes do not sum to (they sum to 13H): the
        // checksum here is the sum, so the test reads the published data field.
        var frame = Convert.FromHexString("68104433221100337881161F9000007766552C007766552C3101221105152021 84".Replace(" ", "", StringComparison.Ordinal));
        byte[] wire = [0xFE, 0xFE, 0xFE, 0xFE, .. frame, (byte)(frame.Sum(b => b) % 256), 0x16];
        wire[^2].ShouldBe((byte)0x13);

        var decoded = Cjt188Codec.Decode(wire);

        decoded.Error.ShouldBe(Cjt188FrameError.None, decoded.Detail);
        var reply = decoded.Frame!;
        reply.Control.Value.ShouldBe((byte)0x81);
        reply.Data.Length.ShouldBe(0x16);
        Cjt188MeteringData.TryRead(reply.Data[Cjt188Messages.HeadLength..], out var data).ShouldBeTrue();
        data.Current.ShouldBe(Cjt188Volume.From(55_667_700, Cjt188Unit.CubicMetre));
        data.Current.ToString().ShouldBe("556677.00 m³");
        data.Time.ShouldBe(new DateTimeOffset(2015, 5, 11, 22, 1, 31, TimeSpan.Zero));
        data.Status.Valve.ShouldBe(Cjt188ValveState.Closed, "21H: D1 D0 = 01");
        data.Status.BatteryLow.ShouldBeFalse();
        data.Status.HasManufacturerBits.ShouldBeTrue("20H in the first byte and 84H in the second are the manufacturer's");
    }

    [Fact]
    public void Decode_PythonCjt188sReplyWithDiHighByteFirstAndNoClock_ReadsWithTimeNull()
    {
        var decoded = Cjt188Codec.Decode(Convert.FromHexString("FEFEFE6810120000000000008116901F00100010002C100010002C0000000000000000FF6716"));

        decoded.Error.ShouldBe(Cjt188FrameError.None, decoded.Detail);
        var data = decoded.Frame!.Data;
        Cjt188DataIdentifier.MeteringData.Matches(Cjt188DataIdentifier.Read(data)).ShouldBeTrue("90 1F is 901F sent the other way round");
        Cjt188MeteringData.TryRead(data[Cjt188Messages.HeadLength..], out var reading).ShouldBeTrue();
        reading.Current.ShouldBe(Cjt188Volume.From(100_010, Cjt188Unit.CubicMetre));
        reading.Time.ShouldBeNull();
        reading.Status.ShouldBe(new Cjt188Status(0x00, 0xFF));
    }

    [Fact]
    public void Decode_EachPrefixOfAFrame_IsIncompleteAndKeepsTheStart()
    {
        var wire = Cjt188Codec.Encode(Cjt188Messages.Read(Cjt188MeterType.Gas, ScMeter, Cjt188DataIdentifier.MeteringData, 7), wakeUp: 2);
        for (var length = 3; length < wire.Length; length++)
        {
            var decoded = Cjt188Codec.Decode(wire.AsSpan(0, length));
            decoded.Error.ShouldBe(Cjt188FrameError.Incomplete, $"{length} bytes");
            decoded.Consumed.ShouldBe(2, "the wake-up bytes go; the frame's start stays for the next read");
        }
    }

    [Fact]
    public void Decode_NoiseWithAStrayStartBeforeAFrame_ResynchronisesOnTheFrame()
    {
        var request = Cjt188Messages.Read(Cjt188MeterType.ColdWater, ScMeter, Cjt188DataIdentifier.MeteringData, 1);
        byte[] wire = [0x00, 0x68, 0x10, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x01, 0x00, 0x42, 0x16, .. Cjt188Codec.Encode(request, wakeUp: 0)];

        var first = Cjt188Codec.Decode(wire);
        first.Error.ShouldBe(Cjt188FrameError.BadChecksum);
        first.Consumed.ShouldBe(2);

        var second = Cjt188Codec.Decode(wire.AsSpan(first.Consumed));
        second.Error.ShouldBe(Cjt188FrameError.None, second.Detail);
        second.Frame.ShouldBe(request);
    }

    [Theory]
    [InlineData(-2, 0x00, Cjt188FrameError.BadChecksum)]
    [InlineData(-1, 0x17, Cjt188FrameError.BadEnd)]
    [InlineData(10, 0x65, Cjt188FrameError.TooLong)]
    public void Decode_BrokenFrame_SaysWhatIsWrong(int at, byte value, Cjt188FrameError error)
    {
        var wire = Cjt188Codec.Encode(Cjt188Messages.Read(Cjt188MeterType.ColdWater, ScMeter, Cjt188DataIdentifier.MeteringData, 0), wakeUp: 0);
        wire[at < 0 ? wire.Length + at : at] = value;

        var decoded = Cjt188Codec.Decode(wire);

        decoded.Error.ShouldBe(error);
        decoded.Frame.ShouldBeNull();
        decoded.Detail.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Decode_AddressThatIsNotBcd_IsRefusedAfterTheChecksum()
    {
        byte[] frame = [0x68, 0x10, 0x01, 0x00, 0xEE, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x1F, 0x90, 0x00];
        byte[] wire = [.. frame, (byte)(frame.Sum(b => b) % 256), 0x16];

        Cjt188Codec.Decode(wire).Error.ShouldBe(Cjt188FrameError.BadAddress);
    }

    [Fact]
    public void Decode_OnlyNoise_ConsumesItAll()
    {
        var decoded = Cjt188Codec.Decode([0xFE, 0xFE, 0x00, 0x16]);

        decoded.Error.ShouldBe(Cjt188FrameError.NoStart);
        decoded.Consumed.ShouldBe(4);
    }

    [Theory]
    [InlineData(Cjt188ValveCommand.Open, 0x55)]
    [InlineData(Cjt188ValveCommand.Close, 0x99)]
    public void Valve_IsWriteDataA017WithTheCommandByte(Cjt188ValveCommand command, byte expected)
    {
        var frame = Cjt188Messages.Valve(Cjt188MeterType.ColdWater, ScMeter, command, 0x01);

        frame.Control.Value.ShouldBe((byte)0x04);
        frame.Data.ToArray().ShouldBe(new byte[] { 0xA0, 0x17, 0x01, expected });
    }

    [Fact]
    public void Abnormal_IsC1WithSerAndStatus()
    {
        var wire = Cjt188Codec.Encode(Cjt188Messages.Abnormal(Cjt188MeterType.ColdWater, ScMeter, Cjt188Function.ReadData, 0x05, Cjt188Status.Of(Cjt188ValveState.Closed, true)), wakeUp: 0);

        wire[9].ShouldBe((byte)0xC1);
        wire[10].ShouldBe((byte)3);
        wire.AsSpan(11, 3).ToArray().ShouldBe(new byte[] { 0x05, 0x05, 0x00 });
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x30, 0x02, 0x26, 0x20 })]
    [InlineData(new byte[] { 0x60, 0x00, 0x00, 0x01, 0x01, 0x26, 0x20 })]
    [InlineData(new byte[] { 0x00, 0x00, 0x24, 0x01, 0x01, 0x26, 0x20 })]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x01, 0x13, 0x26, 0x20 })]
    [InlineData(new byte[] { 0x0A, 0x00, 0x00, 0x01, 0x01, 0x26, 0x20 })]
    public void Time_NotARealMoment_IsNull(byte[] wire) => Cjt188Time.Read(wire).ShouldBeNull();

    [Fact]
    public void Time_IsSecondsFirstAndTheYearLowPairBeforeTheHighPair()
    {
        Span<byte> wire = stackalloc byte[Cjt188Time.Length];
        Cjt188Time.Write(new DateTimeOffset(2026, 12, 6, 8, 0, 5, TimeSpan.Zero), wire);

        wire.ToArray().ShouldBe(new byte[] { 0x05, 0x00, 0x08, 0x06, 0x12, 0x26, 0x20 });
    }
}
