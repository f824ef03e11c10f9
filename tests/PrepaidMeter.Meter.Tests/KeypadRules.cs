using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens.Data;

using PrepaidMeter.Meter.Tests.Tokens;

namespace PrepaidMeter.Meter.Tests;

/// <summary>Rules TK2 and TK14: the keypad's keys and its lock-out after invalid entries.</summary>
public sealed class KeypadRules
{
    /// <summary>A token with its last digit typed one higher: the CRC fails (and it is still a 66-bit number, the first digit kept).</summary>
    private static string Mistyped(TokenHarness t, int tid)
    {
        var digits = t.Credit(1, tid).Replace(" ", "", StringComparison.Ordinal);
        return digits[..19] + (char)('0' + ((digits[19] - '0' + 1) % 10));
    }

    [Fact]
    public void Type_DigitsWithBackspaceThenEnter_EntersTheToken()
    {
        var t = new TokenHarness();
        var digits = t.Credit(100, 10).Replace(" ", "", StringComparison.Ordinal);

        var outcomes = new Keypad(t.Meter).Type($"{digits[..5]}9B{digits[5..]} #", out var problem);

        problem.ShouldBeNull();
        outcomes!.Single().Response.ShouldBe(TokenResponse.Accepted);
    }

    [Fact]
    public void Type_TwentyFirstDigit_Ignored()
    {
        var t = new TokenHarness();
        var digits = t.Credit(100, 10).Replace(" ", "", StringComparison.Ordinal);

        new Keypad(t.Meter).Type(digits + "55#", out _)!.Single().Response.ShouldBe(TokenResponse.Accepted);
    }

    [Fact]
    public void Type_EnterAfterNineteenDigits_Rejected() =>
        new TokenHarness().Let(t => new Keypad(t.Meter).Type("1234567890123456789#", out _)!.Single().Response.ShouldBe(TokenResponse.Reject));

    [Fact]
    public void Type_NotAKey_RefusedNamingIt()
    {
        new Keypad(new TokenHarness().Meter).Type("12x#", out var problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain("'x'");
    }

    [Fact]
    public void Enter_ThirdInvalidEntry_LocksTheKeypadForTenSeconds()
    {
        var t = new TokenHarness();
        t.Enter(Mistyped(t, 1));
        t.Enter(Mistyped(t, 2));
        t.Enter(Mistyped(t, 3)).Detail.ShouldContain("locked for 10 s");

        var locked = t.Enter(t.Credit(100, 10));
        locked.Response.ShouldBe(TokenResponse.LockedOut);
        locked.Display.ShouldBe("Locked");
        t.Remaining.ShouldBe(0);

        t.Wait(TimeSpan.FromSeconds(10));
        t.Enter(t.Credit(100, 10)).Response.ShouldBe(TokenResponse.Accepted);
    }

    [Fact]
    public void Enter_FurtherInvalidEntries_DoubleTheLockToTheCap()
    {
        var t = new TokenHarness();
        var locks = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            locks.Add(t.Enter(Mistyped(t, i)).Detail);
            t.Wait(TimeSpan.FromSeconds(1300));
        }

        locks[2].ShouldEndWith("locked for 10 s");
        locks[3].ShouldEndWith("locked for 20 s");
        locks[9].ShouldEndWith("locked for 1280 s");
        locks[11].ShouldEndWith("locked for 1280 s");
    }

    [Fact]
    public void Enter_AcceptedToken_ResetsTheCount()
    {
        var t = new TokenHarness();
        t.Enter(Mistyped(t, 1));
        t.Enter(Mistyped(t, 2));
        t.Enter(t.Credit(100, 10));

        t.Enter(Mistyped(t, 3)).Detail.ShouldNotContain("locked");
        t.State.Token!.InvalidInARow.ShouldBe(1);
    }

    [Fact]
    public void Enter_TestTokenWhileLocked_StillRuns()
    {
        var t = new TokenHarness();
        for (var i = 0; i < 3; i++)
        {
            t.Enter(Mistyped(t, i));
        }

        t.Enter(t.Encode(new MeterTestToken(0, 2, 42))).Response.ShouldBe(TokenResponse.Tested);
    }

    [Fact]
    public void Restore_AfterAPowerCut_EndsTheLockout()
    {
        var t = new TokenHarness();
        for (var i = 0; i < 3; i++)
        {
            t.Enter(Mistyped(t, i));
        }

        t.Meter.CutPower();
        t.Enter(t.Credit(100, 10)).Response.ShouldBe(TokenResponse.PowerOff);
        t.Meter.Restore();

        t.Enter(t.Credit(100, 10)).Response.ShouldBe(TokenResponse.Accepted);
    }
}
