using PrepaidMeter.Core;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Tokens;

namespace PrepaidMeter.Lab.Tests.Targets;

/// <summary>The bench operator's reading of a token meter's display, and the keys the bench tells the operator to type.</summary>
public sealed class TokenDisplayTests
{
    [Theory]
    [InlineData("1", TokenResponse.Accepted, "Accept")]
    [InlineData(" 3 ", TokenResponse.KeyChangePending, "PLS 2nd")]
    [InlineData("pls 4th", TokenResponse.KeyChangePending, "PLS 4th")]
    [InlineData("PLS4TH", TokenResponse.KeyChangePending, "PLS 4th")]
    [InlineData("Key Exp", TokenResponse.KeyExpired, "Key Exp")]
    [InlineData("keyExpired", TokenResponse.KeyExpired, "Key Exp")]
    [InlineData("type err", TokenResponse.WrongUtility, "Type Err")]
    [InlineData("blank", TokenResponse.PowerOff, "")]
    [InlineData("(blank)", TokenResponse.PowerOff, "")]
    [InlineData("lockedOut", TokenResponse.LockedOut, "Locked")]
    public void Read_ANumberTheDisplaysWordsOrItsCode_IsThatChoice(string answer, TokenResponse response, string display) =>
        TokenDisplay.Read(answer, TokenDisplay.All).ShouldBe(new TokenDisplay(response, display));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0")]
    [InlineData("16")]
    [InlineData("-1")]
    [InlineData("keyChangePending")]
    [InlineData("Acceptable")]
    [InlineData("1 Accept")]
    public void Read_NoneOrSeveralChoices_IsNull(string answer) =>
        TokenDisplay.Read(answer, TokenDisplay.All).ShouldBeNull();

    [Fact]
    public void All_EveryResponseCodeHasADisplay_AndNoTwoChoicesLookAlike()
    {
        TokenDisplay.All.Select(c => c.Response).Distinct().ShouldBe(Enum.GetValues<TokenResponse>(), ignoreOrder: true);
        TokenDisplay.All.Select(c => c.Label.ToUpperInvariant()).ShouldBeUnique();
        TokenDisplay.All.Count.ShouldBe(15);
    }

    [Fact]
    public void Outcome_IsTheCodeAndDisplayRead_SayingWhereFrom() =>
        new TokenDisplay(TokenResponse.Overflow, "Overflow").Outcome().ShouldBe(new TokenOutcome(TokenResponse.Overflow, "Overflow", "as the operator read the meter's display", []), new OutcomeComparer());

    [Theory]
    [InlineData("12345678901234567890#", new[] { "12345678901234567890#" })]
    [InlineData("1234 5678-9012#E", new[] { "123456789012#", "#" })]
    [InlineData("12b3<4e5", new[] { "12B3B4#" })]
    [InlineData("1234", new string[0])]
    public void Entries_KeysAsTyped_AreEachEnterWithTheKeysBeforeIt(string keys, string[] entries) =>
        TypeKeys.Entries(keys).ShouldBe(entries);

    [Fact]
    public void Entries_AKeyTheKeypadHasNot_IsAnArgumentExceptionNamingIt() =>
        Should.Throw<ArgumentException>(() => TypeKeys.Entries("12x#")).Message.ShouldStartWith("'x' is not a keypad key");

    [Theory]
    [InlineData("00000000000000000001#", "type the token 0000 0000 0000 0000 0001 and press Enter")]
    [InlineData("0000000000000000000#", "press, in this order: 0000 0000 0000 0000 000, Enter")]
    [InlineData("1234567890B1234567890#", "press, in this order: 1234 5678 90, Backspace, 1234 5678 90, Enter")]
    [InlineData("#", "press Enter with nothing typed")]
    public void Text_OfAnEntry_SaysTheKeysAsAPersonTypesThem(string keys, string said) =>
        new TypeKeys(MeterNumber.From(7), keys).Text.ShouldBe($"At meter 000000000007's keypad {said}");

    /// <summary>A token outcome's Shown is a list: compared by its items.</summary>
    private sealed class OutcomeComparer : IEqualityComparer<TokenOutcome>
    {
        public bool Equals(TokenOutcome? x, TokenOutcome? y) =>
            x is not null && y is not null && (x.Response, x.Display, x.Detail) == (y.Response, y.Display, y.Detail) && x.Shown.SequenceEqual(y.Shown);

        public int GetHashCode(TokenOutcome obj) => obj.Response.GetHashCode();
    }
}
