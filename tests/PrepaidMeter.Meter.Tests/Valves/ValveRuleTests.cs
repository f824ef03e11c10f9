using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Meter.Tests.Valves;

public sealed class ValveRuleTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static TheoryData<string, Func<ValveRule>> Impossible => new()
    {
        { "no travel", () => new ValveRule(TimeSpan.Zero, 3, Second, null, TimeSpan.Zero) },
        { "travel in minutes taken for seconds", () => new ValveRule(ValveRule.MaxTravelTime + Second, 3, Second, null, TimeSpan.Zero) },
        { "negative retries", () => new ValveRule(Second, -1, Second, null, TimeSpan.Zero) },
        { "too many retries", () => new ValveRule(Second, ValveRule.MaxRetries + 1, Second, null, TimeSpan.Zero) },
        { "no retry interval", () => new ValveRule(Second, 3, TimeSpan.Zero, null, TimeSpan.Zero) },
        { "negative cut", () => new ValveRule(Second, 3, Second, null, -Second) },
        { "an exercise cannot fit the cut", () => new ValveRule(Second * 10, 3, Second, TimeSpan.FromDays(30), Second * 19) },
        { "exercised more often than it takes", () => new ValveRule(Second, 3, Second, Second * 2, Second * 2) },
    };

    [Theory]
    [MemberData(nameof(Impossible))]
    public void New_ImpossibleValues_AreProgrammingErrors(string what, Func<ValveRule> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        Should.Throw<ArgumentOutOfRangeException>(() => make(), what);
    }

    [Fact]
    public void New_ExerciseJustFitsTheCut_IsAccepted()
    {
        var rule = new ValveRule(Second * 10, 0, Second, TimeSpan.FromDays(30), Second * 20);

        rule.LongestExerciseCut.ShouldBe(rule.TravelTime * 2);
        rule.ShouldBe(new ValveRule(Second * 10, 0, Second, TimeSpan.FromDays(30), Second * 20));
    }
}
