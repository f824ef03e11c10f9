namespace PrepaidMeter.Core.Tests;

public sealed class UtilityTests
{
    [Theory]
    [InlineData(Utility.Electricity, "electricity", "kWh", SupplySwitch.Relay)]
    [InlineData(Utility.Water, "water", "m³", SupplySwitch.Valve)]
    [InlineData(Utility.Gas, "gas", "m³", SupplySwitch.Valve)]
    public void EachUtility_HasItsNameUnitAndSwitch(Utility utility, string name, string unit, SupplySwitch usual)
    {
        utility.Name().ShouldBe(name);
        Utilities.Parse(name.ToUpperInvariant()).ShouldBe(utility);
        utility.UnitSymbol().ShouldBe(unit);
        utility.UsualSwitch().ShouldBe(usual);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("heat")]
    [InlineData("1")]
    public void Parse_NotAUtility_GivesNull(string? text) => Utilities.Parse(text).ShouldBeNull();

    [Fact]
    public void Every_UtilityIsNamed() =>
        Enum.GetValues<Utility>().Select(u => Utilities.Parse(u.Name())).ShouldBe(Enum.GetValues<Utility>().Cast<Utility?>());
}
