using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Hardware.Tests.MeterLink;

public sealed class Dlt645ResponderTests
{
    private static readonly Dlt645Address Address = Dlt645Address.From(12345678);
    private readonly StandInMeter _meter = new(Address);

    [Fact]
    public void Respond_RequestForAnotherMeter_StaysSilent() =>
        Dlt645Responder.Respond(_meter, Dlt645Messages.Read(Dlt645Address.From(1), PrepaidItems.TotalEnergy.Id)).ShouldBeNull();

    [Fact]
    public void Respond_AReplyOnTheLine_IsNotAnswered() =>
        Dlt645Responder.Respond(_meter, Dlt645Messages.ReadReply(Address, PrepaidItems.PurchaseCount.Id, [0x42, 0x00])).ShouldBeNull();

    [Fact]
    public void Respond_BroadcastTime_SetsTheClockWithoutAReply()
    {
        var time = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

        Dlt645Responder.Respond(_meter, Dlt645Messages.BroadcastTime(time)).ShouldBeNull();

        _meter.Time.ShouldBe(time);
    }

    [Fact]
    public void Respond_ReadWithoutAnIdentifier_IsAnAbnormalReply()
    {
        var reply = Dlt645Responder.Respond(_meter, new Dlt645Frame(Address, Dlt645Control.Request(Dlt645Function.Read), [0x00, 0x02]))!;

        reply.Control.IsAbnormal.ShouldBeTrue();
        reply.Data[0].ShouldBe((byte)Dlt645Errors.Other);
    }

    [Fact]
    public void Respond_ControlWithAnUnknownCommand_IsAnAbnormalReplyAndDoesNothing()
    {
        var frame = Dlt645Messages.Control(Address, Dlt645ControlCommand.Trip, StandInMeter.Password, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var data = frame.Data.ToArray();
        data[8] = 0x55;

        var reply = Dlt645Responder.Respond(_meter, new Dlt645Frame(Address, frame.Control, data))!;

        reply.Control.IsAbnormal.ShouldBeTrue();
        _meter.Commands.ShouldBeEmpty();
    }

    [Fact]
    public void Respond_ReadPurchaseCount_AnswersIdentifierThenBcdValue()
    {
        var reply = Dlt645Responder.Respond(_meter, Dlt645Messages.Read(Address, PrepaidItems.PurchaseCount.Id))!;

        reply.Control.Value.ShouldBe((byte)0x91);
        reply.Data.ToArray().ShouldBe(new byte[] { 0x01, 0x02, 0x33, 0x03, 0x42, 0x00 });
    }
}
