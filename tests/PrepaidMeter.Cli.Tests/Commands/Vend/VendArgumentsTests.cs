using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Core;

namespace PrepaidMeter.Cli.Tests.Commands.Vend;

/// <summary>A group's amounts (`vend group add --limit --alarm1 ...`) are read in the group's own unit, each of the three.</summary>
public sealed class VendArgumentsTests
{
    [Theory]
    [InlineData(CreditUnit.Energy, "12.34")]
    [InlineData(CreditUnit.Money, "12.34")]
    [InlineData(CreditUnit.Volume, "12.34 m³")]
    [InlineData(CreditUnit.Volume, "12.34")]
    public void Hundredths_InTheGroupsUnit_ReadsHundredths(CreditUnit unit, string text)
    {
        VendArguments.Hundredths(text, unit, out var error).ShouldBe(1234);
        error.ShouldBeNull();
    }

    [Fact]
    public void Hundredths_KilowattHoursForAVolumeGroup_RefusedNotReadAsMoney()
    {
        VendArguments.Hundredths("12.34 kWh", CreditUnit.Volume, out var error).ShouldBe(0);
        error.ShouldNotBeNull();
    }
}
