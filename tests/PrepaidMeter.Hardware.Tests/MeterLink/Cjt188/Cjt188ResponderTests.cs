using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.MeterLink.Cjt188;

public sealed class Cjt188ResponderTests
{
    private static readonly Cjt188Address Address = Cjt188Address.From(78_330_011_223_344);
    private static readonly Cjt188MeterType Water = Cjt188MeterType.ColdWater;
    private readonly StandInWaterMeter _meter = new(Address);

    [Fact]
    public void Read_901F_AnswersAccumulatedFlowAndStatus()
    {
        var reply = Cjt188Responder.Respond(_meter, Cjt188Messages.Read(Water, Address, Cjt188DataIdentifier.MeteringData, 0x2A))!;

        reply.Control.Value.ShouldBe((byte)0x81);
        reply.MeterType.ShouldBe(Water);
        reply.Address.ShouldBe(Address);
        reply.Data[..3].ToArray().ShouldBe(new byte[] { 0x1F, 0x90, 0x2A });
        reply.Data[3..].ToArray().ShouldBe(_meter.MeteringData.ToBytes());
        reply.Data.Length.ShouldBe(22);
    }

    [Fact]
    public void Read_901FSentHighByteFirst_IsAnsweredInTheSameOrder()
    {
        var reply = Cjt188Responder.Respond(_meter, Cjt188Messages.Read(Water, Address, Cjt188DataIdentifier.MeteringData.Swapped, 0x01))!;

        reply.Control.Value.ShouldBe((byte)0x81);
        reply.Data[..3].ToArray().ShouldBe(new byte[] { 0x90, 0x1F, 0x01 });
    }

    [Fact]
    public void Read_RequestForAnotherMeter_StaysSilent() =>
        Cjt188Responder.Respond(_meter, Cjt188Messages.Read(Water, Cjt188Address.From(1), Cjt188DataIdentifier.MeteringData, 0)).ShouldBeNull();

    [Fact]
    public void Read_RequestForAnotherMeterType_StaysSilent() =>
        Cjt188Responder.Respond(_meter, Cjt188Messages.Read(Cjt188MeterType.Gas, Address, Cjt188DataIdentifier.MeteringData, 0)).ShouldBeNull();

    [Fact]
    public void Read_WithTheWildcardType_IsAnswered() =>
        Cjt188Responder.Respond(_meter, Cjt188Messages.Read(Cjt188MeterType.Wildcard, Address, Cjt188DataIdentifier.MeteringData, 0))!
            .Control.Value.ShouldBe((byte)0x81);

    [Fact]
    public void Read_ToTheWildcardAddress_StaysSilent() =>
        Cjt188Responder.Respond(_meter, Cjt188Messages.Read(Water, Cjt188Address.Wildcard, Cjt188DataIdentifier.MeteringData, 0)).ShouldBeNull();

    [Fact]
    public void Respond_AReplyOnTheLine_IsNotAnswered() =>
        Cjt188Responder.Respond(_meter, Cjt188Messages.ReadReply(Water, Address, Cjt188DataIdentifier.MeteringData, 0, _meter.MeteringData.ToBytes())).ShouldBeNull();

    [Fact]
    public void Read_UnknownIdentifier_IsAnAbnormalReplyWithSerAndStatus()
    {
        _meter.BatteryLow = true;

        var reply = Cjt188Responder.Respond(_meter, Cjt188Messages.Read(Water, Address, new Cjt188DataIdentifier(0x81, 0x03), 0x07))!;

        reply.Control.Value.ShouldBe((byte)0xC1);
        reply.Data.ToArray().ShouldBe(new byte[] { 0x07, 0x04, 0x00 });
    }

    [Fact]
    public void Read_WithoutIdentifierAndSer_IsAnAbnormalReply()
    {
        var reply = Cjt188Responder.Respond(_meter, new Cjt188Frame(Water, Address, Cjt188Control.Request(Cjt188Function.ReadData), [0x1F]))!;

        reply.Control.IsAbnormal.ShouldBeTrue();
        reply.Control.Function.ShouldBe(Cjt188Function.ReadData);
    }

    [Fact]
    public void ReadAddress_ToTheWildcard_AnswersTypeAndAddress()
    {
        var reply = Cjt188Responder.Respond(_meter, Cjt188Messages.ReadAddress(0x03))!;

        reply.Control.Value.ShouldBe((byte)0x83);
        reply.MeterType.ShouldBe(Water);
        reply.Address.ShouldBe(Address);
        reply.Data.ToArray().ShouldBe(new byte[] { 0x81, 0x0A, 0x03 });
    }

    [Fact]
    public void ValveClose_ClosesTheValveAndAnswersTheStatus()
    {
        var reply = Cjt188Responder.Respond(_meter, Cjt188Messages.Valve(Water, Address, Cjt188ValveCommand.Close, 0x11))!;

        reply.Control.Value.ShouldBe((byte)0x84);
        reply.Data.ToArray().ShouldBe(new byte[] { 0xA0, 0x17, 0x11, 0x01, 0x00 });
        _meter.Commands.ShouldBe([Cjt188ValveCommand.Close]);
    }

    [Fact]
    public void Valve_UnknownCommandByte_IsAnAbnormalReplyAndMovesNothing()
    {
        var reply = Cjt188Responder.Respond(_meter, new Cjt188Frame(Water, Address, Cjt188Control.Request(Cjt188Function.WriteData), [0xA0, 0x17, 0x01, 0xAA]))!;

        reply.Control.Value.ShouldBe((byte)0xC4);
        _meter.Commands.ShouldBeEmpty();
    }

    [Fact]
    public void Valve_ToTheWildcardAddress_StaysSilentAndMovesNothing()
    {
        Cjt188Responder.Respond(_meter, Cjt188Messages.Valve(Water, Cjt188Address.Wildcard, Cjt188ValveCommand.Close, 0)).ShouldBeNull();

        _meter.Commands.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Cjt188Function.ReadKeyVersion)]
    [InlineData(Cjt188Function.WriteAddress)]
    [InlineData(Cjt188Function.WriteSyncData)]
    public void Respond_AFunctionTheMeterDoesNotOffer_IsAnAbnormalReply(Cjt188Function function)
    {
        var reply = Cjt188Responder.Respond(_meter, new Cjt188Frame(Water, Address, Cjt188Control.Request(function), [0xA0, 0x18, 0x09]))!;

        reply.Control.ShouldBe(Cjt188Control.Abnormal(function));
        reply.Data[0].ShouldBe((byte)0x09);
    }
}
