using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Tokens.Tests.Data;

public sealed class TokenNumberTests
{
    [Fact]
    public void ToString_Largest_IsTwentyDigitsInFiveGroups()
    {
        new TokenNumber(TokenNumber.Largest).ToString().ShouldBe("7378 6976 2948 3820 6463");
    }

    [Fact]
    public void ToString_Small_IsZeroPadded()
    {
        new TokenNumber(42).ToString().ShouldBe("0000 0000 0000 0000 0042");
    }

    [Theory]
    [InlineData("7378-6976-2948-3820-6463")]
    [InlineData("73786976294838206463")]
    [InlineData(" 7378 6976 2948 3820 6463 ")]
    public void Parse_GroupsWithSpacesOrDashes_ReadsTheSameToken(string text)
    {
        TokenNumber.Parse(text).ShouldBe(new TokenNumber(TokenNumber.Largest));
    }

    [Theory]
    [InlineData("7378697629483820646")]
    [InlineData("737869762948382064630")]
    [InlineData("73786976294838206464")]
    [InlineData("9999 9999 9999 9999 9999")]
    [InlineData("7378 6976 2948 3820 646x")]
    [InlineData("")]
    public void Parse_NotTwentyDigitsOfSixtySixBits_IsNull(string text)
    {
        TokenNumber.Parse(text).ShouldBeNull();
    }

    [Property]
    public void From_TopBitsAndBlock_ComeBackApart(ulong block, byte top)
    {
        var bits = top & 3;
        var token = TokenNumber.From(bits, block);

        token.Block.ShouldBe(block);
        token.TopTwoBits.ShouldBe(bits);
        TokenNumber.Parse(token.ToString()).ShouldBe(token);
    }
}
