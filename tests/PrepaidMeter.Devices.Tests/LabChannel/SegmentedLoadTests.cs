using System.Text.Json.Nodes;
using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Devices.Tests.LabChannel;

public sealed class SegmentedLoadTests
{
    [Fact]
    public void Read_OfToJson_DrawsWhatTheProfileDrew()
    {
        var from = Some.Moment;
        var profile = LoadProfile.Constant(2200);

        var load = SegmentedLoad.Read(SegmentedLoad.Of(profile, from, from.AddDays(1)).ToJson());

        load.WattsAt(from.AddHours(5)).ShouldBe(profile.WattsAt(from.AddHours(5)));
        load.PowerFactorAt(from.AddHours(5)).ShouldBe(profile.PowerFactorAt(from.AddHours(5)));
        load.DrawsPower.ShouldBeTrue();
    }

    [Fact]
    public void Read_NoStretches_IsRefused() =>
        Should.Throw<FormatException>(() => SegmentedLoad.Read(new JsonArray())).Message.ShouldBe("A load needs at least one stretch.");
}
