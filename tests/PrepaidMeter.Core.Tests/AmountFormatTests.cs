using System.Globalization;

namespace PrepaidMeter.Core.Tests;

/// <summary>
/// The "N" format: an amount for a reader in a culture (the web console's pages), its whole part grouped with the culture's
/// separators and its hundredths appended as digits — from the integer, never through floating point.
/// </summary>
public sealed class AmountFormatTests
{
    [Theory]
    [InlineData("en", 123456789, "1,234,567.89")]
    [InlineData("zh-Hans", 123456789, "1,234,567.89")]
    [InlineData("de-DE", 123456789, "1.234.567,89")]
    [InlineData("en", -5, "-0.05")]
    [InlineData("en", 0, "0.00")]
    [InlineData("en", Money.MaxHundredths, "999,999,999,999.99")]
    public void Money_N_GroupsByTheCulture(string culture, long hundredths, string expected) =>
        Money.FromHundredths(hundredths).ToString("N", CultureInfo.GetCultureInfo(culture)).ShouldBe(expected);

    [Fact]
    public void EnergyAndVolume_N_KeepTheirUnit()
    {
        var chinese = CultureInfo.GetCultureInfo("zh-Hans");

        Energy.FromHundredths(123450).ToString("N", chinese).ShouldBe("1,234.50 kWh");
        Volume.FromHundredths(1000).ToString("N", chinese).ShouldBe("10.00 m³");
        CreditAmount.Of(Money.FromHundredths(100000)).ToString("N", chinese).ShouldBe("1,000.00");
    }

    [Fact]
    public void ToString_WithoutAFormat_StaysInvariant_WhateverTheCulture()
    {
        var german = CultureInfo.GetCultureInfo("de-DE");

        Money.FromHundredths(123456).ToString(null, german).ShouldBe("1234.56");
        CreditAmount.Of(Energy.FromHundredths(123456)).ToString(null, german).ShouldBe("1234.56 kWh");
    }
}
