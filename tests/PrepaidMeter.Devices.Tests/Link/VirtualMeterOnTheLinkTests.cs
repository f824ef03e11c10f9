using PrepaidMeter.Devices.Link;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Devices.Tests.Link;

public sealed class VirtualMeterOnTheLinkTests
{
    private static readonly byte[] Password = Convert.FromHexString(VirtualMeterOnTheLink.DefaultPassword);

    [Fact]
    public void Address_IsTheMetersNumber()
    {
        var link = new VirtualMeterOnTheLink(DeviceMeters.Fresh(), Password);

        link.Address.ShouldBe(Dlt645Address.From(DeviceMeters.Number.Value));
    }

    [Fact]
    public void Read_PurchaseCount_ComesFromTheRegisters()
    {
        var link = new VirtualMeterOnTheLink(DeviceMeters.Fresh(), Password);

        var read = link.Read(PrepaidItems.PurchaseCount.Id);

        read.Errors.ShouldBe(Dlt645Errors.None);
        read.Bytes.ShouldNotBeNull().Length.ShouldBe(PrepaidItems.PurchaseCount.Length);
    }

    [Fact]
    public void Read_AmountOnAnEnergyMeter_IsNoSuchData()
    {
        var link = new VirtualMeterOnTheLink(DeviceMeters.Fresh(), Password);

        link.Read(PrepaidItems.RemainingAmount.Id).Errors.ShouldBe(Dlt645Errors.NoSuchData);
    }

    [Fact]
    public void Read_RemainingEnergy_OnAnEnergyMeter_IsItsCredit()
    {
        var link = new VirtualMeterOnTheLink(DeviceMeters.Fresh(), Password);

        link.Read(PrepaidItems.RemainingEnergy.Id).Errors.ShouldBe(Dlt645Errors.None);
    }

    /// <summary>A meter counting m³ has no DL/T 645 credit register: its credit is never read out as kWh or money.</summary>
    [Fact]
    public void Read_CreditAndLimitsOfAMeterCountingVolume_AreNoSuchData()
    {
        var link = new VirtualMeterOnTheLink(DeviceMeters.CountingVolume(), Password);

        foreach (var item in new[] { PrepaidItems.RemainingEnergy, PrepaidItems.OverdraftEnergy, PrepaidItems.RemainingAmount, PrepaidItems.OverdraftAmount,
                     PrepaidItems.Alarm1, PrepaidItems.Alarm2, PrepaidItems.OverdraftLimit, PrepaidItems.HoardingLimit })
        {
            link.Read(item.Id).Errors.ShouldBe(Dlt645Errors.NoSuchData, item.ToString());
        }

        link.Read(PrepaidItems.PurchaseCount.Id).Errors.ShouldBe(Dlt645Errors.None);
    }

    [Fact]
    public void Read_RunStatus3OfAMeterCountingVolume_NamesNeitherEnergyNorMoney()
    {
        var link = new VirtualMeterOnTheLink(DeviceMeters.CountingVolume(), Password);

        var word = (RunStatus3)PrepaidItems.RunStatus3.Decode(link.Read(PrepaidItems.RunStatus3.Id).Bytes.ShouldNotBeNull()).ShouldNotBeNull();

        (word & (RunStatus3.EnergyPrepaid | RunStatus3.MoneyPrepaid)).ShouldBe(RunStatus3.None);
    }

    [Fact]
    public void Write_AnyItem_IsUnauthorised_ParametersComeFromSetCardsOnly()
    {
        var link = new VirtualMeterOnTheLink(DeviceMeters.Fresh(), Password);

        link.Write(PrepaidItems.Alarm1.Id, [.. Password, 0, 0, 0, 0], new byte[4]).ShouldBe(Dlt645Errors.Unauthorised);
    }

    [Theory]
    [InlineData("02111111", Dlt645Errors.Unauthorised, false)]
    [InlineData(VirtualMeterOnTheLink.DefaultPassword, Dlt645Errors.None, true)]
    public void Control_Trip_IsTheMetersRemoteTrip_OnlyWithThePassword(string authority, Dlt645Errors answer, bool tripped)
    {
        var meter = DeviceMeters.Fresh();
        var link = new VirtualMeterOnTheLink(meter, Password);
        var changed = 0;
        link.Changed += () => changed++;

        link.Control(Dlt645ControlCommand.Trip, [.. Convert.FromHexString(authority), 0, 0, 0, 0], DateTimeOffset.MaxValue).ShouldBe(answer);

        changed.ShouldBe(tripped ? 1 : 0);
        meter.Snapshot().OpenReasons.HasFlag(OpenReasons.Remote).ShouldBe(tripped);
    }

    [Fact]
    public void Control_ValidUntilPassedByTheMetersClock_IsRefusedAndNotCarriedOut()
    {
        var meter = DeviceMeters.Fresh();
        var link = new VirtualMeterOnTheLink(meter, Password);

        var answer = link.Control(Dlt645ControlCommand.Trip, [.. Password, 0, 0, 0, 0], new DateTimeOffset(2020, 12, 31, 0, 0, 0, TimeSpan.Zero));

        answer.ShouldBe(Dlt645Errors.Other);
        meter.Snapshot().OpenReasons.HasFlag(OpenReasons.Remote).ShouldBeFalse();
    }

    [Fact]
    public void Control_ValidUntilTheMetersOwnMinute_IsCarriedOut()
    {
        var meter = DeviceMeters.Fresh();
        var link = new VirtualMeterOnTheLink(meter, Password);

        link.Control(Dlt645ControlCommand.Trip, [.. Password, 0, 0, 0, 0], meter.Snapshot().Clock).ShouldBe(Dlt645Errors.None);
    }

    [Fact]
    public void RunStatus3_FromAlarm2IntoOverdraft_KeepsThePreTripAlarm()
    {
        var meter = DeviceMeters.InOverdraft();
        var link = new VirtualMeterOnTheLink(meter, Password);

        var word = (RunStatus3)PrepaidItems.RunStatus3.Decode(link.Read(PrepaidItems.RunStatus3.Id).Bytes!)!.Value;

        meter.Snapshot().CreditState.ShouldBe(CreditState.Overdraft);
        word.HasFlag(RunStatus3.PreTripAlarm).ShouldBeTrue();
    }
}
