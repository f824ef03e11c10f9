using PrepaidMeter.Core;

namespace PrepaidMeter.Reporting.Tests;

/// <summary>The filters every report takes, parsed once for the CLI's options and the web console's query strings, refused in one set of words.</summary>
public sealed class ReportFiltersTests
{
    private static Func<string, string?> Given(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Parse_ADateAndAMoment_AreUtcFromInclusiveToExclusive()
    {
        var filter = ReportFilters.Parse(Given(("--from", "2026-12-01"), ("--to", "2026-12-07T10:30:00+08:00"))).GetValueOrThrow();

        filter.From.ShouldBe(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        filter.To.ShouldBe(new DateTimeOffset(2026, 12, 7, 2, 30, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("--from", "yesterday", "--from and --to take a date")]
    [InlineData("--group", "12x", "--group:")]
    [InlineData("--utility", "steam", "--utility 'steam': electricity, water or gas")]
    public void Parse_AMistake_IsRefusedNamingTheOption(string option, string value, string said)
    {
        var parsed = ReportFilters.Parse(Given((option, value)));

        parsed.Success.ShouldBeFalse();
        parsed.Error.ShouldNotBeNull().ShouldContain(said);
    }

    [Fact]
    public void Parse_NothingGiven_IsEveryRowOfAllTime()
    {
        var filter = ReportFilters.Parse(Given()).GetValueOrThrow();

        filter.From.ShouldBeNull();
        filter.To.ShouldBeNull();
        filter.Operator.ShouldBeNull();
        filter.Group.ShouldBeNull();
        filter.Utility.ShouldBeNull();
    }
}
