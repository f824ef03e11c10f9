using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Tokens.Tests.Data;

public sealed class TokenIdentifierTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void At_BaseDateItself_IsMinuteZero()
    {
        TokenIdentifier.At(BaseDate.Year1993.Start(), BaseDate.Year1993).ShouldBe(new TokenIdentifier(0));
    }

    [Fact]
    public void At_SecondsIntoAMinute_CountsTheWholeMinutesOnly()
    {
        var start = BaseDate.Year2014.Start();
        TokenIdentifier.At(start.AddMinutes(90).AddSeconds(59), BaseDate.Year2014).ShouldBe(new TokenIdentifier(90));
    }

    [Fact]
    public void At_Base1993_RunsOutOnTheTwentyFourthOfNovember2024()
    {
        // The "TID rollover": 2^24 minutes after 1993-01-01 is 2024-11-24 20:16; meters still on base date 1993 take no
        // token issued after it, which is why the field moved to base date 2014 with key change tokens.
        BaseDate.Year1993.LastMinute().ShouldBe(new DateTimeOffset(2024, 11, 24, 20, 15, 0, TimeSpan.Zero));
        TokenIdentifier.At(new DateTimeOffset(2024, 11, 24, 20, 15, 59, TimeSpan.Zero), BaseDate.Year1993).ShouldNotBeNull();
        TokenIdentifier.At(new DateTimeOffset(2024, 11, 24, 20, 16, 0, TimeSpan.Zero), BaseDate.Year1993).ShouldBeNull();
    }

    [Fact]
    public void At_BeforeTheBaseDate_IsNull()
    {
        TokenIdentifier.At(new DateTimeOffset(2013, 12, 31, 23, 59, 0, TimeSpan.Zero), BaseDate.Year2014).ShouldBeNull();
    }

    [Fact]
    public void Next_SecondTokenInTheSameMinute_TakesTheNextMinute()
    {
        var first = TokenIdentifier.Next(Noon, BaseDate.Year2014, last: null)!.Value;
        var second = TokenIdentifier.Next(Noon.AddSeconds(20), BaseDate.Year2014, first)!.Value;
        var third = TokenIdentifier.Next(Noon.AddSeconds(40), BaseDate.Year2014, second)!.Value;

        second.Minutes.ShouldBe(first.Minutes + 1);
        third.Minutes.ShouldBe(first.Minutes + 2);
    }

    [Fact]
    public void Next_ClockSetBack_StillAfterTheLastToken()
    {
        var last = TokenIdentifier.At(Noon, BaseDate.Year2014)!.Value;
        TokenIdentifier.Next(Noon.AddHours(-3), BaseDate.Year2014, last)!.Value.Minutes.ShouldBe(last.Minutes + 1);
    }

    [Fact]
    public void Next_LastMinuteOfTheBaseDateTaken_IsNull()
    {
        TokenIdentifier.Next(BaseDate.Year1993.LastMinute(), BaseDate.Year1993, new TokenIdentifier(TokenIdentifier.Largest)).ShouldBeNull();
    }

    [Property]
    public void Next_AnySequenceOfIssues_StrictlyIncreases(PositiveInt[] gapsInSeconds)
    {
        TokenIdentifier? last = null;
        var moment = Noon;
        foreach (var gap in gapsInSeconds)
        {
            moment = moment.AddSeconds(gap.Get % 200);
            var next = TokenIdentifier.Next(moment, BaseDate.Year2014, last)!.Value;
            if (last is { } previous)
            {
                next.ShouldBeGreaterThan(previous);
            }

            next.Moment(BaseDate.Year2014).ShouldBeGreaterThanOrEqualTo(moment.AddSeconds(-moment.Second));
            last = next;
        }
    }
}
