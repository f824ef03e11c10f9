using PrepaidMeter.Testing;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Core;
using Microsoft.Extensions.Time.Testing;
using System.Text.Json.Nodes;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Devices.Tests.LabChannel;

/// <summary>What the device end says about its meter, the lab end reads back exactly (through text, as the channel carries it).</summary>
public sealed class LabMeterJsonTests
{
    [Fact]
    public void ReadSnapshot_OfASnapshotLine_IsTheSnapshot()
    {
        var meter = DeviceMeters.Fresh();
        meter.Advance(TimeSpan.FromHours(3), LoadProfile.Constant(1500));
        var snapshot = meter.Snapshot();

        var read = LabMeterJson.ReadSnapshot(Carried(LabAnswer.SnapshotLine(snapshot))[LabAnswer.Snapshot]!);

        LabMeterJson.Snapshot(read).ToJsonString().ShouldBe(LabMeterJson.Snapshot(snapshot).ToJsonString());
        read.ModelSha256.ShouldBe(meter.Model.Sha256);
        read.Events.ShouldBe(snapshot.Events);
    }

    [Fact]
    public void ReadSnapshot_OfAMeterCountingVolume_KeepsVolume()
    {
        var snapshot = DeviceMeters.CountingVolume().Snapshot();

        var read = LabMeterJson.ReadSnapshot(Carried(LabAnswer.SnapshotLine(snapshot))[LabAnswer.Snapshot]!);

        read.Remaining.Unit.ShouldBe(PrepaidMeter.Core.CreditUnit.Volume);
        read.Parameters.PurchaseLimit.Unit.ShouldBe(PrepaidMeter.Core.CreditUnit.Volume);
    }

    [Fact]
    public void ReadSnapshot_OfAWaterMeterUnderFlowAndAMagnet_KeepsItsValveBatteryTamperAndVolume()
    {
        var meter = VirtualMeter.Create(PrepaidMeter.Meter.Models.MeterModels.ReferenceWater, MeterNumber.From(777), SupplyGroupCode.From(100001), Some.Keys, new FakeTimeProvider(Some.Moment));
        meter.Advance(TimeSpan.FromHours(5), FlowProfile.Constant(120));
        meter.Do(PartAct.ApplyMagnet);
        var snapshot = meter.Snapshot();

        var read = LabMeterJson.ReadSnapshot(Carried(LabAnswer.SnapshotLine(snapshot))[LabAnswer.Snapshot]!);

        read.Flow.ShouldBe(snapshot.Flow);
        read.Flow!.TamperLatched.ShouldBe(PrepaidMeter.Meter.Tampering.TamperFlags.Magnet);
        read.Flow.CumulativeVolume.ShouldBe(Volume.FromCubicMetres(0.60m));
        LabMeterJson.Snapshot(read).ToJsonString().ShouldBe(LabMeterJson.Snapshot(snapshot).ToJsonString());
    }

    [Fact]
    public void ReadSnapshot_OfAnElectricityMeter_HasNoFlowSide() =>
        LabMeterJson.ReadSnapshot(Carried(LabAnswer.SnapshotLine(DeviceMeters.Fresh().Snapshot()))[LabAnswer.Snapshot]!).Flow.ShouldBeNull();

    [Theory]
    [InlineData("Water")]
    [InlineData("7")]
    public void ReadSnapshot_UnitThatIsNoUnit_RefusedNamingIt(string unit)
    {
        var line = LabMeterJson.Snapshot(DeviceMeters.Fresh().Snapshot());
        line["unit"] = unit;

        Should.Throw<FormatException>(() => LabMeterJson.ReadSnapshot(Carried(line))).Message.ShouldBe($"unit '{unit}' is none of Energy, Money and Volume");
    }

    [Fact]
    public void ReadOutcome_OfACardLine_IsTheOutcome()
    {
        var outcome = new CardOutcome(MeterResult.Loaded, CardKind.User, "50.00 kWh loaded", CardWritten: true);

        LabMeterJson.ReadOutcome(Carried(LabAnswer.CardLine(outcome))[LabAnswer.Card]!).ShouldBe(outcome);
    }

    [Fact]
    public void ReadyLine_SaysTheMetersNumber() =>
        LabAnswer.ReadyLine(DeviceMeters.Number).ToJsonString().ShouldBe("""{"ready":12345678}""");

    // One line of text on the device's stdout, read by the lab end.
    private static JsonNode Carried(JsonObject line) => JsonNode.Parse(line.ToJsonString())!;
}
