using PrepaidMeter.Meter.Tampering;

namespace PrepaidMeter.Meter.Tests.Tampering;

/// <summary>Rules T1–T4 of docs/water-gas.md: the tamper latch of a water or gas meter.</summary>
public sealed class TamperWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TamperRule ToolCardOnly = new(hasCaseSwitch: true, clearsAfterQuiet: null);

    [Fact]
    public void T1_MagnetApplied_LatchesAndClosesTheValve_OnceWhileItStays()
    {
        var watch = new TamperWatch(ToolCardOnly, Start);

        var detected = watch.MagnetApplied(TimeSpan.FromMinutes(5)).ShouldHaveSingleItem();
        watch.MagnetRemoved(TimeSpan.FromMinutes(1)).ShouldBeEmpty();
        watch.MagnetApplied(TimeSpan.FromMinutes(1)).ShouldBeEmpty(); // already latched: told once

        detected.Kind.ShouldBe(TamperEventKind.Detected);
        detected.At.ShouldBe(Start.AddMinutes(5));
        watch.Latched.ShouldBe(TamperFlags.Magnet);
        watch.ValveMustClose.ShouldBeTrue();
    }

    [Fact]
    public void T1_MagnetRemoved_LatchStays()
    {
        var watch = new TamperWatch(ToolCardOnly, Start);
        watch.MagnetApplied(TimeSpan.Zero);

        watch.MagnetRemoved(TimeSpan.FromHours(1));
        watch.Advance(TimeSpan.FromDays(30)).ShouldBeEmpty();

        watch.Active.ShouldBe(TamperFlags.None);
        watch.ValveMustClose.ShouldBeTrue();
    }

    [Fact]
    public void T2_CaseOpened_LatchesOnAModelWithACaseSwitch()
    {
        var watch = new TamperWatch(ToolCardOnly, Start);

        watch.CaseOpened(TimeSpan.FromSeconds(3)).ShouldHaveSingleItem().Flags.ShouldBe(TamperFlags.Case);

        watch.Latched.ShouldBe(TamperFlags.Case);
    }

    [Fact]
    public void T2_CaseOpened_NoCaseSwitch_NothingHappens()
    {
        var watch = new TamperWatch(new TamperRule(hasCaseSwitch: false, clearsAfterQuiet: null), Start);

        watch.CaseOpened(TimeSpan.FromSeconds(3)).ShouldBeEmpty();

        watch.ValveMustClose.ShouldBeFalse();
        watch.Clock.ShouldBe(Start.AddSeconds(3));
    }

    [Fact]
    public void T3_ClearByToolCard_AttackOver_ClearsEveryFlag()
    {
        var watch = new TamperWatch(ToolCardOnly, Start);
        watch.MagnetApplied(TimeSpan.Zero);
        watch.CaseOpened(TimeSpan.FromMinutes(1));
        watch.MagnetRemoved(TimeSpan.FromMinutes(1));
        watch.CaseClosed(TimeSpan.FromMinutes(1));

        var cleared = watch.ClearByToolCard();

        cleared.Kind.ShouldBe(TamperEventKind.Cleared);
        cleared.Flags.ShouldBe(TamperFlags.Magnet | TamperFlags.Case);
        watch.ValveMustClose.ShouldBeFalse();
    }

    [Fact]
    public void T3_ClearByToolCard_MagnetStillThere_Refused()
    {
        var watch = new TamperWatch(ToolCardOnly, Start);
        watch.MagnetApplied(TimeSpan.Zero);

        var refused = watch.ClearByToolCard();

        refused.Kind.ShouldBe(TamperEventKind.ClearRefused);
        refused.Flags.ShouldBe(TamperFlags.Magnet);
        watch.ValveMustClose.ShouldBeTrue();
    }

    [Fact]
    public void T4_QuietPeriodOver_ClearsAtThatSecond()
    {
        var watch = new TamperWatch(new TamperRule(hasCaseSwitch: false, clearsAfterQuiet: TimeSpan.FromHours(24)), Start);
        watch.MagnetApplied(TimeSpan.Zero);
        watch.MagnetRemoved(TimeSpan.FromHours(2));

        watch.Advance(TimeSpan.FromHours(23)).ShouldBeEmpty();
        var cleared = watch.Advance(TimeSpan.FromHours(2)).ShouldHaveSingleItem();

        cleared.Kind.ShouldBe(TamperEventKind.Cleared);
        cleared.At.ShouldBe(Start.AddHours(26));
        watch.ValveMustClose.ShouldBeFalse();
        watch.Clock.ShouldBe(Start.AddHours(27));
    }

    [Fact]
    public void T4_AttackAgainWithinTheQuietPeriod_StartsItAgain()
    {
        var watch = new TamperWatch(new TamperRule(hasCaseSwitch: false, clearsAfterQuiet: TimeSpan.FromHours(24)), Start);
        watch.MagnetApplied(TimeSpan.Zero);
        watch.MagnetRemoved(TimeSpan.FromHours(1));
        watch.MagnetApplied(TimeSpan.FromHours(20)).ShouldBeEmpty();
        watch.MagnetRemoved(TimeSpan.FromHours(1));

        watch.Advance(TimeSpan.FromHours(23)).ShouldBeEmpty();

        watch.ValveMustClose.ShouldBeTrue();
        watch.Advance(TimeSpan.FromHours(1)).ShouldHaveSingleItem().At.ShouldBe(Start.AddHours(46));
    }

    [Fact]
    public void T4_ReleaseOfWhatWasNotOn_DoesNotRestartTheQuietPeriod()
    {
        var watch = new TamperWatch(new TamperRule(hasCaseSwitch: true, clearsAfterQuiet: TimeSpan.FromHours(1)), Start);
        watch.MagnetApplied(TimeSpan.Zero);
        watch.MagnetRemoved(TimeSpan.FromMinutes(1));
        watch.CaseClosed(TimeSpan.FromMinutes(50)).ShouldBeEmpty(); // the case was never opened

        var cleared = watch.Advance(TimeSpan.FromMinutes(20)).ShouldHaveSingleItem();

        cleared.At.ShouldBe(Start.AddMinutes(61));
    }

    [Fact]
    public void T3_ClearByToolCard_NothingLatched_SaysSo()
    {
        var watch = new TamperWatch(ToolCardOnly, Start);

        var cleared = watch.ClearByToolCard();

        cleared.Kind.ShouldBe(TamperEventKind.Cleared);
        cleared.Flags.ShouldBe(TamperFlags.None);
        cleared.Detail.ShouldBe("nothing was latched");
    }

    [Fact]
    public void New_ClockWithAFraction_IsAProgrammingError() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new TamperWatch(ToolCardOnly, Start.AddMilliseconds(500)));

    [Theory]
    [InlineData(59)]
    [InlineData(-60)]
    public void Rule_QuietPeriodUnderAMinute_IsAProgrammingError(int seconds) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new TamperRule(false, TimeSpan.FromSeconds(seconds)));
}
