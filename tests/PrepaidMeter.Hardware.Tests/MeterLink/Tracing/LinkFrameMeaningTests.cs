using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Tracing;

namespace PrepaidMeter.Hardware.Tests.MeterLink.Tracing;

/// <summary>What a trace says of each frame, in the words docs/dlt645.md uses.</summary>
public sealed class LinkFrameMeaningTests
{
    private static readonly Dlt645Address Meter = Dlt645Address.From(12345678);
    private static readonly byte[] Authority = [0x02, 0, 0, 0, 0, 0, 0, 0];

    [Fact]
    public void Of_ReadReply_NamesTheItemAndItsValue()
    {
        var reply = Dlt645Messages.ReadReply(Meter, PrepaidItems.RemainingEnergy.Id, [0x00, 0x60, 0x00, 0x00]);

        LinkFrameMeaning.Of(reply).ToString().ShouldBe("000012345678 read reply 00900100 (remaining energy) = 60.00 kWh");
    }

    [Fact]
    public void Of_WriteRequest_ShowsTheValueAfterThePassword_NotThePassword()
    {
        var write = Dlt645Messages.Write(Meter, PrepaidItems.Alarm1.Id, Authority, [0x00, 0x25, 0x00, 0x00]);

        LinkFrameMeaning.Of(write).ToString().ShouldBe("000012345678 write 04001001 (alarm level 1) = 25.00 credit unit");
    }

    [Fact]
    public void Of_AbnormalReply_NamesEveryErrorBit()
    {
        var refused = Dlt645Messages.Abnormal(Meter, Dlt645Function.Write, Dlt645Errors.Unauthorised | Dlt645Errors.Other);

        LinkFrameMeaning.Of(refused).ToString().ShouldBe("000012345678 write refused: other error, unauthorised (password)");
    }

    [Fact]
    public void Of_Control_SaysTheCommandAndItsValidUntilTime()
    {
        var control = Dlt645Messages.Control(Meter, Dlt645ControlCommand.Trip, Authority, new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));

        LinkFrameMeaning.Of(control).ToString().ShouldBe("000012345678 control: trip, valid until 2026-12-06 09:00:00");
    }

    [Fact]
    public void Of_BroadcastTime_SaysTheTime() =>
        LinkFrameMeaning.Of(Dlt645Messages.BroadcastTime(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero))).ToString()
            .ShouldBe("999999999999 broadcast time: set the time to 2026-12-06 08:00:00");

    [Fact]
    public void Of_ReadOfAnItemThisToolDoesNotKnow_ShowsItsBytes()
    {
        var reply = Dlt645Messages.ReadReply(Meter, new DataIdentifier(0x02010100), [0x20, 0x22]);

        LinkFrameMeaning.Of(reply).ToString().ShouldBe("000012345678 read reply 02010100 = 2022");
    }
}
