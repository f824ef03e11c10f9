using PrepaidMeter.Cards.Integrity;

namespace PrepaidMeter.Cards.Tests.Integrity;

public sealed class SupplyGroupKeysTests
{
    [Fact]
    public void Derive_IsDeterministic_AndSecretsGiveDifferentKeys()
    {
        var a = SupplyGroupKeys.Derive([1, 2, 3, 4]);
        var again = SupplyGroupKeys.Derive([1, 2, 3, 4]);
        var other = SupplyGroupKeys.Derive([1, 2, 3, 5]);
        a.MacKey.ToArray().ShouldBe(again.MacKey.ToArray());
        a.Psc.ToArray().ShouldBe(again.Psc.ToArray());
        a.MacKey.ToArray().ShouldNotBe(other.MacKey.ToArray());
        a.Psc.Length.ShouldBe(3);
        a.MacKey.Length.ShouldBe(32);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("XYZ1", "hexadecimal")]
    [InlineData("0102", "4 to 64 bytes")]
    public void TryParseSecret_BadText_SaysWhy(string text, string reason)
    {
        SupplyGroupKeys.TryParseSecret(text, out var keys).ShouldNotBeNull().ShouldContain(reason);
        keys.ShouldBeNull();
    }

    [Fact]
    public void Derive_TooShortASecret_Throws() =>
        Should.Throw<ArgumentException>(() => SupplyGroupKeys.Derive([1, 2]));
}
