using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Core.Tests;

public sealed class VolumeTests
{
    [Theory]
    [InlineData("12.34", 1234)]
    [InlineData("12.3", 1230)]
    [InlineData(" -0.05 ", -5)]
    [InlineData("12.34 m³", 1234)]
    [InlineData("12.34m3", 1234)]
    [InlineData("12.34 M3", 1234)]
    public void Parse_ValidText_GivesHundredthsOfACubicMetre(string text, long hundredths) =>
        Volume.Parse(text).GetValueOrThrow().Hundredths.ShouldBe(hundredths);

    [Theory]
    [InlineData("1.234", "more than two decimals")]
    [InlineData("12.34 kWh", "digits")]
    [InlineData("12 L", "digits")]
    [InlineData("99999999999999999", "between")]
    public void Parse_BadText_SaysWhatIsWrong(string text, string reason)
    {
        var result = Volume.Parse(text);
        result.Success.ShouldBeFalse();
        result.Error.ShouldNotBeNull().ShouldContain("is not a volume");
        result.Error.ShouldContain(reason);
    }

    [Fact]
    public void ToString_PrintsCubicMetres_InvariantWhateverTheCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Volume.FromHundredths(-123456).ToString().ShouldBe("-1234.56 m³");
            Volume.FromHundredths(5).ToString("F", null).ShouldBe("0.05");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void FromCubicMetres_FinerThanTenLitres_IsAProgrammingError()
    {
        Volume.FromCubicMetres(1.25m).Hundredths.ShouldBe(125);
        Volume.FromCubicMetres(1.25m).CubicMetres.ShouldBe(1.25m);
        Should.Throw<ArgumentOutOfRangeException>(() => Volume.FromCubicMetres(1.005m));
        Should.Throw<ArgumentOutOfRangeException>(() => Volume.MaxValue + Volume.FromHundredths(1));
        Should.Throw<ArgumentOutOfRangeException>(() => Volume.FromHundredths(long.MinValue));
    }

    [Fact]
    public void KeepsValueContracts() =>
        ValueContracts.CheckOrdered(Volume.MinValue, Volume.FromCubicMetres(0.01m), Volume.MaxValue);

    [Property(MaxTest = 1000)]
    public Property Text_RoundTrips_ForEveryVolume() =>
        Prop.ForAll(Gens.Long(-Volume.MaxHundredths, Volume.MaxHundredths).ToArbitrary(), hundredths =>
        {
            var volume = Volume.FromHundredths(hundredths);
            return Volume.Parse(volume.ToString()).GetValueOrThrow() == volume
                && Volume.Parse(volume.ToString("F", null) + "m3").GetValueOrThrow() == volume;
        });

    [Property(MaxTest = 2000)]
    public Property Sum_IsExact_NeverFloatingPoint() =>
        Prop.ForAll(Gens.Long(-1_000_000_000, 1_000_000_000).Two().ToArbitrary(), pair =>
        {
            var (a, b) = (Volume.FromHundredths(pair.Item1), Volume.FromHundredths(pair.Item2));
            return (a + b).Hundredths == pair.Item1 + pair.Item2 && (a + b) - b == a && -(-a) == a;
        });
}
