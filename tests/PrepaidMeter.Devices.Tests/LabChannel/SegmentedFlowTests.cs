using System.Text.Json.Nodes;
using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Devices.Tests.LabChannel;

public sealed class SegmentedFlowTests
{
    /// <summary>The household curve changes by the hour: its stretches carried as text draw, hour for hour, what the curve drew.</summary>
    [Fact]
    public void Read_OfToJson_DrawsWhatTheProfileDrew_HourForHour()
    {
        var from = Some.Moment;
        var curve = DailyFlowCurve.HouseholdWater();

        var flow = SegmentedFlow.Read(SegmentedFlow.Of(curve, from, from.AddDays(2)).ToJson());

        for (var at = from; at < from.AddDays(2); at = at.AddMinutes(30))
        {
            flow.LitresPerHourAt(at).ShouldBe(curve.LitresPerHourAt(at), $"at {at:O}");
            flow.NextChangeAfter(at).ShouldBe(curve.NextChangeAfter(at) is { } next && next < from.AddDays(2) ? next : null, $"after {at:O}");
        }
    }

    [Fact]
    public void Read_NoStretches_IsRefused() =>
        Should.Throw<FormatException>(() => SegmentedFlow.Read(new JsonArray())).Message.ShouldBe("A flow needs at least one stretch.");
}
