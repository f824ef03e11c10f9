using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Core;
using PrepaidMeter.Devices.Link;
using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Devices.Tests.Link;

public sealed class VirtualMeterOnCjt188Tests
{
    private static VirtualMeter Water(MeterModel? model = null) =>
        VirtualMeter.Create(model ?? MeterModels.Get("pm-ref-water"), DeviceMeters.Number, SupplyGroupCode.From(100001), Some.Keys, new FakeTimeProvider(Some.Moment));

    [Fact]
    public void Address_IsTheMeterNumberZeroFilled_AndTheTypeColdWater()
    {
        var link = new VirtualMeterOnCjt188(Water());

        link.Address.ShouldBe(Cjt188Address.From(DeviceMeters.Number.Value));
        link.MeterType.ShouldBe(Cjt188MeterType.ColdWater);
    }

    [Fact]
    public void Read_MeteringData_CarriesTheVolumeRegisterTheClockAndTheStatus()
    {
        var meter = Water();
        meter.Advance(TimeSpan.FromHours(2), FlowProfile.Constant(450));
        var link = new VirtualMeterOnCjt188(meter);

        var read = link.Read(Cjt188DataIdentifier.MeteringData);

        Cjt188MeteringData.TryRead(read.Bytes, out var data).ShouldBeTrue();
        data.Current.ShouldBe(Cjt188Volume.Of(Volume.FromCubicMetres(0.90m)));
        data.Settlement.ShouldBe(data.Current, "the virtual meter keeps no settlement day's reading");
        data.Time.ShouldBe(Some.Moment.AddHours(2));
        data.Status.Valve.ShouldBe(Cjt188ValveState.Open);
        data.Status.BatteryLow.ShouldBeFalse();
    }

    [Fact]
    public void Read_RegisterPastTheSixDigits_RollsOverAsARegistersDrumsDo()
    {
        var meter = Water(MeterModels.Get("pm-ref-water") with { Id = "test-vast", SourceText = "", PresetCredit = new(CreditUnit.Volume, Volume.MaxHundredths / 2) });
        // 1,000,000 L/h for 1,000 h and 30 minutes: just over 1,000,000 m³ (less what the monthly exercise cut).
        meter.Advance(TimeSpan.FromHours(1000) + TimeSpan.FromMinutes(30), FlowProfile.Constant(1_000_000));
        var link = new VirtualMeterOnCjt188(meter);

        Cjt188MeteringData.TryRead(link.Read(Cjt188DataIdentifier.MeteringData).Bytes, out var data).ShouldBeTrue();

        var register = meter.Snapshot().Flow!.CumulativeVolume.Hundredths;
        register.ShouldBeGreaterThan(VirtualMeterOnCjt188.RegisterRollsOverAt);
        data.Current.ShouldBe(Cjt188Volume.Of(Volume.FromHundredths(register - VirtualMeterOnCjt188.RegisterRollsOverAt)));
    }

    [Fact]
    public void Read_AnyOtherItem_IsNoSuchItem() =>
        new VirtualMeterOnCjt188(Water()).Read(new Cjt188DataIdentifier(0x02, 0x81)).ShouldBe(Cjt188Value.NoSuchItem);

    [Fact]
    public void WriteValve_Close_IsARemoteTrip_AndTheReplyComesOnceTheValveHasMoved()
    {
        var meter = Water();
        var link = new VirtualMeterOnCjt188(meter);
        var changed = 0;
        link.Changed += () => changed++;

        var status = link.WriteValve(Cjt188ValveCommand.Close);

        status.Valve.ShouldBe(Cjt188ValveState.Closed);
        changed.ShouldBe(1);
        meter.Snapshot().OpenReasons.ShouldBe(OpenReasons.Remote);
        meter.Clock.ShouldBe(Some.Moment.AddSeconds(10), "the reference valve's travel time");
    }

    [Fact]
    public void WriteValve_OpenWhileTamperHoldsTheValve_StaysClosed()
    {
        var meter = Water();
        meter.ApplyMagnet();
        var link = new VirtualMeterOnCjt188(meter);

        link.WriteValve(Cjt188ValveCommand.Open).Valve.ShouldBe(Cjt188ValveState.Closed);
    }

    [Fact]
    public void WriteValve_SeizedValve_IsAbnormalAfterItsRetries()
    {
        var meter = Water();
        meter.SeizeValve();
        var link = new VirtualMeterOnCjt188(meter);

        link.WriteValve(Cjt188ValveCommand.Close).Valve.ShouldBe(Cjt188ValveState.Abnormal);
        meter.Snapshot().Flow!.ValveAlarm.ShouldBeTrue("the retries ran out: stuck open");
    }

    [Fact]
    public void TypeOf_Electricity_IsAProgrammingError() =>
        Should.Throw<InvalidOperationException>(() => VirtualMeterOnCjt188.TypeOf(Utility.Electricity));
}
