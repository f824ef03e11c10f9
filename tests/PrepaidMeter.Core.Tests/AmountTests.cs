using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Core.Tests;

public sealed class AmountTests
{
    [Theory]
    [InlineData("12.34", 1234)]
    [InlineData("12.3", 1230)]
    [InlineData("12", 1200)]
    [InlineData(" -0.05 ", -5)]
    [InlineData("+7.00", 700)]
    [InlineData("12.34 kWh", 1234)]
    [InlineData("12.34kwh", 1234)]
    public void EnergyParse_ValidText_GivesHundredths(string text, long hundredths) =>
        Energy.Parse(text).GetValueOrThrow().Hundredths.ShouldBe(hundredths);

    [Theory]
    [InlineData("", "empty")]
    [InlineData("1.234", "more than two decimals")]
    [InlineData("1,5", "digits")]
    [InlineData("1e3", "digits")]
    [InlineData("12.", "digits")]
    [InlineData(".5", "digits")]
    [InlineData("99999999999999999", "between")]
    [InlineData("'; DROP TABLE sales; --", "digits")]
    public void MoneyParse_BadText_SaysWhatIsWrong(string text, string reason)
    {
        var result = Money.Parse(text);
        result.Success.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void Format_IsInvariantWhateverTheCurrentCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Money.FromHundredths(-123456).ToString().ShouldBe("-1234.56");
            Energy.FromHundredths(5).ToString().ShouldBe("0.05 kWh");
            Energy.FromHundredths(5).ToString("F", null).ShouldBe("0.05");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void FromUnits_FinerThanHundredth_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Money.FromUnits(0.001m));
        Should.Throw<ArgumentOutOfRangeException>(() => Energy.FromKilowattHours(1.005m));
    }

    [Fact]
    public void Arithmetic_PastTheRange_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Money.MaxValue + Money.FromHundredths(1));
        Should.Throw<ArgumentOutOfRangeException>(() => Energy.MinValue - Energy.FromHundredths(1));
        Should.Throw<ArgumentOutOfRangeException>(() => Energy.FromHundredths(long.MinValue));
    }

    [Fact]
    public void CreditAmount_InTheOtherUnit_Throws()
    {
        var energy = CreditAmount.Of(Energy.FromKilowattHours(5m));
        energy.AsEnergy().ShouldBe(Energy.FromKilowattHours(5m));
        Should.Throw<InvalidOperationException>(() => energy.AsMoney());
        CreditAmount.Of(Money.FromUnits(3m)).ToString().ShouldBe("3.00");
    }

    [Property(MaxTest = 2000)]
    public Property MoneyText_RoundTrips_ForEveryAmount() =>
        Prop.ForAll(Gens.Long(-Money.MaxHundredths, Money.MaxHundredths).ToArbitrary(), hundredths =>
        {
            var money = Money.FromHundredths(hundredths);
            return Money.Parse(money.ToString()).GetValueOrThrow() == money;
        });

    [Property(MaxTest = 2000)]
    public Property EnergySum_IsExact_NeverFloatingPoint() =>
        Prop.ForAll(Gens.Long(0, 1_000_000_000).Two().ToArbitrary(), pair =>
        {
            var sum = Energy.FromHundredths(pair.Item1) + Energy.FromHundredths(pair.Item2);
            return sum.Hundredths == pair.Item1 + pair.Item2 && sum - Energy.FromHundredths(pair.Item2) == Energy.FromHundredths(pair.Item1);
        });
}
