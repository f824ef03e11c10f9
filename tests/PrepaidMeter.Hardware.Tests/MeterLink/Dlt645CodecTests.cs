using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Hardware.Tests.MeterLink;

public sealed class Dlt645CodecTests
{
    private static readonly Dlt645Address Meter = Dlt645Address.From(12345678);

    [Fact]
    public void Encode_ReadRemainingAmount_IsTheStandardsByteLayout()
    {
        var wire = Dlt645Codec.Encode(Dlt645Messages.Read(Meter, PrepaidItems.RemainingAmount.Id));

        byte[] frame = [0x68, 0x78, 0x56, 0x34, 0x12, 0x00, 0x00, 0x68, 0x11, 0x04, 0x33, 0x35, 0xC3, 0x33];
        byte[] expected = [0xFE, 0xFE, 0xFE, 0xFE, .. frame, (byte)(frame.Sum(b => b) % 256), 0x16];
        wire.ShouldBe(expected);
    }

    [Fact]
    public void Decode_AMetersReadReply_GivesTheIdentifierAndValue()
    {
        // 91H, 8 data bytes: DI 00900200 and 012345.67 in BCD, each +33H.
        byte[] frame = [0x68, 0x78, 0x56, 0x34, 0x12, 0x00, 0x00, 0x68, 0x91, 0x08, 0x33, 0x35, 0xC3, 0x33, 0x9A, 0x78, 0x56, 0x34];
        byte[] wire = [0xFE, 0xFE, .. frame, (byte)(frame.Sum(b => b) % 256), 0x16];

        var decoded = Dlt645Codec.Decode(wire);

        decoded.Error.ShouldBe(Dlt645FrameError.None, decoded.Detail);
        decoded.Consumed.ShouldBe(wire.Length);
        var reply = decoded.Frame!;
        reply.Address.ShouldBe(Meter);
        reply.Control.IsReply.ShouldBeTrue();
        reply.Control.Function.ShouldBe(Dlt645Function.Read);
        DataIdentifier.Read(reply.Data).ShouldBe(PrepaidItems.RemainingAmount.Id);
        PrepaidItems.RemainingAmount.Decode(reply.Data[4..]).ShouldBe(1_234_567);
    }

    [Fact]
    public void Decode_EachPrefixOfAFrame_IsIncompleteAndKeepsTheStart()
    {
        var wire = Dlt645Codec.Encode(Dlt645Messages.Read(Meter, PrepaidItems.PurchaseCount.Id), wakeUp: 2);
        for (var length = 3; length < wire.Length; length++)
        {
            var decoded = Dlt645Codec.Decode(wire.AsSpan(0, length));
            decoded.Error.ShouldBe(Dlt645FrameError.Incomplete, $"{length} bytes");
            decoded.Consumed.ShouldBe(2, "the wake-up bytes go; the frame's start stays for the next read");
        }
    }

    [Fact]
    public void Decode_NoiseWithAStrayStartBeforeAFrame_ResynchronisesOnTheFrame()
    {
        var frame = Dlt645Codec.Encode(Dlt645Messages.Read(Meter, PrepaidItems.TotalEnergy.Id), wakeUp: 0);
        byte[] wire = [0x00, 0x68, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, .. frame];

        var first = Dlt645Codec.Decode(wire);
        first.Error.ShouldBe(Dlt645FrameError.BadSecondStart);
        first.Consumed.ShouldBe(2);

        var second = Dlt645Codec.Decode(wire.AsSpan(first.Consumed));
        second.Error.ShouldBe(Dlt645FrameError.None, second.Detail);
        second.Frame.ShouldBe(Dlt645Messages.Read(Meter, PrepaidItems.TotalEnergy.Id));
    }

    [Theory]
    [InlineData(-2, 0x00, Dlt645FrameError.BadChecksum)]
    [InlineData(-1, 0x17, Dlt645FrameError.BadEnd)]
    [InlineData(9, 0xC9, Dlt645FrameError.TooLong)]
    public void Decode_BrokenFrame_SaysWhatIsWrong(int at, byte value, Dlt645FrameError error)
    {
        var wire = Dlt645Codec.Encode(Dlt645Messages.Read(Meter, PrepaidItems.TotalEnergy.Id), wakeUp: 0);
        wire[at < 0 ? wire.Length + at : at] = value;

        var decoded = Dlt645Codec.Decode(wire);

        decoded.Error.ShouldBe(error);
        decoded.Frame.ShouldBeNull();
        decoded.Detail.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Decode_AddressThatIsNotBcd_IsRefusedAfterTheChecksum()
    {
        byte[] frame = [0x68, 0x7A, 0x56, 0x34, 0x12, 0x00, 0x00, 0x68, 0x13, 0x00];
        byte[] wire = [.. frame, (byte)(frame.Sum(b => b) % 256), 0x16];

        Dlt645Codec.Decode(wire).Error.ShouldBe(Dlt645FrameError.BadAddress);
    }

    [Fact]
    public void Decode_OnlyNoise_ConsumesItAll()
    {
        byte[] wire = [0xFE, 0xFE, 0x00, 0x16];
        var decoded = Dlt645Codec.Decode(wire);
        decoded.Error.ShouldBe(Dlt645FrameError.NoStart);
        decoded.Consumed.ShouldBe(4);
    }

    [Fact]
    public void Control_Trip_CarriesN1AfterPasswordAndOperator()
    {
        byte[] authority = [0x02, 0x11, 0x22, 0x33, 0x01, 0x02, 0x03, 0x04];
        var until = new DateTimeOffset(2026, 11, 23, 18, 30, 5, TimeSpan.Zero);

        var frame = Dlt645Messages.Control(Meter, Dlt645ControlCommand.Trip, authority, until);

        frame.Control.Value.ShouldBe((byte)0x1C);
        frame.Data.Length.ShouldBe(16);
        frame.Data[..8].ToArray().ShouldBe(authority);
        frame.Data[8].ShouldBe((byte)0x1A);
        frame.Data[10..].ToArray().ShouldBe(new byte[] { 0x05, 0x30, 0x18, 0x23, 0x11, 0x26 });
        Dlt645Messages.ReadTime(frame.Data[10..]).ShouldBe(until);
    }

    [Fact]
    public void Abnormal_ReadOfAnUnknownIdentifier_IsD1WithTheErrorByte()
    {
        var wire = Dlt645Codec.Encode(Dlt645Messages.Abnormal(Meter, Dlt645Function.Read, Dlt645Errors.NoSuchData), wakeUp: 0);
        wire[8].ShouldBe((byte)0xD1);
        wire[9].ShouldBe((byte)1);
        wire[10].ShouldBe((byte)(0x02 + 0x33));
        var control = Dlt645Codec.Decode(wire).Frame!.Control;
        control.IsAbnormal.ShouldBeTrue();
        control.IsReply.ShouldBeTrue();
    }

    [Fact]
    public void BroadcastTime_GoesToTheBroadcastAddress()
    {
        var wire = Dlt645Codec.Encode(Dlt645Messages.BroadcastTime(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)), wakeUp: 0);
        wire.AsSpan(1, 6).ToArray().ShouldBe(Enumerable.Repeat((byte)0x99, 6).ToArray());
        wire[8].ShouldBe((byte)0x08);
        Dlt645Codec.Decode(wire).Frame!.Address.IsBroadcast.ShouldBeTrue();
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x30, 0x02, 0x26 })]
    [InlineData(new byte[] { 0x60, 0x00, 0x00, 0x01, 0x01, 0x26 })]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x01, 0x13, 0x26 })]
    [InlineData(new byte[] { 0x0A, 0x00, 0x00, 0x01, 0x01, 0x26 })]
    public void ReadTime_NotARealMoment_IsNull(byte[] wire) => Dlt645Messages.ReadTime(wire).ShouldBeNull();
}
