using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Tokens.Tests.Keys;

public sealed class LuhnTests
{
    /// <summary>The textbook example of ISO/IEC 7812-1 Annex B's algorithm, and a well-known test card number.</summary>
    [Theory]
    [InlineData("7992739871", 3)]
    [InlineData("411111111111111", 1)]
    [InlineData("0", 0)]
    public void CheckDigit_KnownNumbers_GivesTheirCheckDigit(string digits, int check)
    {
        Luhn.CheckDigit(digits).ShouldBe(check);
        Luhn.IsValid(digits + check).ShouldBeTrue();
    }

    [Fact]
    public void IsValid_OneDigitMistyped_IsFalse()
    {
        Luhn.IsValid("79927398710").ShouldBeFalse();
        Luhn.IsValid("79927398613").ShouldBeFalse();
    }

    [Fact]
    public void IsValid_TwoNeighboursSwapped_IsFalse()
    {
        // The reason the check is there: the commonest typing slip.
        Luhn.IsValid("79927389713").ShouldBeFalse();
    }

    [Fact]
    public void CheckDigit_NotDigits_Throws()
    {
        Should.Throw<ArgumentException>(() => Luhn.CheckDigit("12a4"));
    }
}
