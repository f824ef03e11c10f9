namespace PrepaidMeter.Core.Tests;

public sealed class IdentifierTests
{
    [Fact]
    public void MeterNumber_PrintsTwelveDigitsZeroPadded() =>
        MeterNumber.From(12345678).ToString().ShouldBe("000012345678");

    [Theory]
    [InlineData("1234567890123", "more than 12 digits")]
    [InlineData("12345X", "only the digits")]
    [InlineData("", "empty")]
    [InlineData("-1", "only the digits")]
    public void MeterNumberParse_BadText_SaysWhy(string text, string reason) =>
        MeterNumber.Parse(text).Error.ShouldNotBeNull().ShouldContain(reason);

    [Fact]
    public void From_TooManyDigits_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => MeterNumber.From(1_000_000_000_000));
        Should.Throw<ArgumentOutOfRangeException>(() => SupplyGroupCode.From(1_000_000));
        Should.Throw<ArgumentOutOfRangeException>(() => CardSerial.From(100_000_000));
        Should.Throw<ArgumentOutOfRangeException>(() => PurchaseCount.From(1_000_000));
    }

    [Fact]
    public void SupplyGroupAndSerial_PrintPadded()
    {
        SupplyGroupCode.From(42).ToString().ShouldBe("000042");
        CardSerial.From(42).ToString().ShouldBe("00000042");
        CustomerNumber.From(42).ToString().ShouldBe("42");
    }

    [Fact]
    public void PurchaseCountNext_CountsUpAndStopsAtTheLast()
    {
        PurchaseCount.Zero.Next().ShouldBe(PurchaseCount.From(1));
        PurchaseCount.From(5).Minus(PurchaseCount.From(7)).ShouldBe(-2);
        Should.Throw<InvalidOperationException>(() => PurchaseCount.MaxValue.Next());
    }
}
