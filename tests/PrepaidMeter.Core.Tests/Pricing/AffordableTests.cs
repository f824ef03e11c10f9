using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Core.Tests.Pricing;

public sealed class AffordableTests
{
    [Fact]
    public void Most_AThreshold_IsFoundExactly_OrTheMaximumWhenEverythingIsWithin() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(1, int.MaxValue).ToArbitrary(), (threshold, max) =>
            Affordable.Most(n => n <= threshold, max).ShouldBe(Math.Min(threshold, (long)max))).QuickCheckThrowOnFailure(500);

    [Fact]
    public void Most_APriceThatDips_AnswersABoundaryWithinWhileOneMoreIsNot()
    {
        // Within below 10, out at 10, within again at 11 and 12 (a dip), out from 13: the search stops at a boundary.
        bool Within(long n) => n < 10 || n is 11 or 12;

        var found = Affordable.Most(Within, 1_000);

        Within(found).ShouldBeTrue();
        Within(found + 1).ShouldBeFalse();
    }

    [Fact]
    public void Most_NothingButZeroWithin_IsZero() => Affordable.Most(n => n == 0, 1_000).ShouldBe(0);
}
