using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Meter.Tests.Tokens;

/// <summary>Rules TK10–TK12: key change sets, in any order, within the window, applied together; rollover.</summary>
public sealed class KeyChangeRules
{
    private static (DecoderKey Key, IReadOnlyList<TokenData> Sections) NewKey(TokenHarness t, bool rollover, int krn = 2, int ken = 255, int sgc = 123456)
    {
        var rule = t.Model.Token!;
        var identity = new MeterIdentity(rule.Iin, TokenHarness.Drn, 2, sgc, 3, krn, rollover ? BaseDate.Year2035 : rule.BaseDate, ken);
        var key = rule.Algorithm == EncryptionAlgorithm.Sta
            ? Dkga02.Generate(Convert.FromHexString("FEDCBA9876543210"), identity)
            : Dkga04.Generate(Convert.FromHexString("0F0E0D0C0B0A09080706050403020100"), identity, EncryptionAlgorithm.Misty1);
        return (key, KeyChangeTokens.For(key, identity, rollover));
    }

    [Fact]
    public void Enter_FirstThenSecond_PendingThenNewKeyInstalled()
    {
        var t = new TokenHarness();
        var (key, sections) = NewKey(t, rollover: false);

        var first = t.Enter(t.Encode(sections[0]));
        first.Response.ShouldBe(TokenResponse.KeyChangePending);
        first.Display.ShouldBe("PLS 2nd");
        var second = t.Enter(t.Encode(sections[1]));

        second.Response.ShouldBe(TokenResponse.Accepted);
        t.State.Token!.KeyRevision.ShouldBe(2);
        t.State.Token.TariffIndex.ShouldBe(3);
        var old = t.Credit(10, 50);
        t.Codec = new TokenCodec(key.Cipher());
        t.Enter(old).Response.ShouldBe(TokenResponse.Reject);
        t.Enter(t.Credit(10, 51)).Response.ShouldBe(TokenResponse.Accepted);
    }

    [Fact]
    public void Enter_SecondThenFirst_AlsoApplied()
    {
        var t = new TokenHarness();
        var (_, sections) = NewKey(t, rollover: false);

        t.Enter(t.Encode(sections[1])).Display.ShouldBe("PLS 1st");
        t.Enter(t.Encode(sections[0])).Response.ShouldBe(TokenResponse.Accepted);
        t.State.Token!.KeyRevision.ShouldBe(2);
    }

    [Fact]
    public void Enter_SecondAfterTheWindow_FirstForgottenAndSecondWaits()
    {
        var t = new TokenHarness();
        var (_, sections) = NewKey(t, rollover: false);
        t.Enter(t.Encode(sections[0]));

        t.Wait(TimeSpan.FromMinutes(10));
        var late = t.Enter(t.Encode(sections[1]));

        late.Response.ShouldBe(TokenResponse.KeyChangePending);
        late.Display.ShouldBe("PLS 1st");
        t.State.Token!.KeyRevision.ShouldBe(1);
    }

    [Fact]
    public void Enter_KeyChange_KeepsCreditAndSetsKen()
    {
        var t = new TokenHarness();
        t.Enter(t.Credit(100, 10));
        var (_, sections) = NewKey(t, rollover: false, ken: 0x5A);

        foreach (var s in sections)
        {
            t.Enter(t.Encode(s));
        }

        t.Remaining.ShouldBe(1_000);
        t.State.Token!.KeyExpiry.ShouldBe(0x5A);
        t.State.Token.TidsKept.ShouldBe(1);
    }

    [Fact]
    public void Enter_Rollover_MovesTheBaseDateAndClearsTheTidMemory()
    {
        var t = new TokenHarness();
        t.Enter(t.Credit(100, 10)).Response.ShouldBe(TokenResponse.Accepted);
        var (key, sections) = NewKey(t, rollover: true);

        foreach (var s in sections)
        {
            t.Enter(t.Encode(s));
        }

        t.State.Token!.BaseDate.ShouldBe(BaseDate.Year2035);
        t.State.Token.TidsKept.ShouldBe(0);
        t.Remaining.ShouldBe(1_000);
        t.Codec = new TokenCodec(key.Cipher());
        t.Enter(t.Credit(100, 10)).Response.ShouldBe(TokenResponse.Accepted); // TID 10 of the 2035 base date
    }

    [Fact]
    public void Enter_RolloverSetCarryingTheCurrentKey_RejectedAndOldTokensStayUsed()
    {
        // DKGA02 ignores the base date: a "new" key for 2035 with the same vending key, KT, TI and KRN is the key the meter
        // holds. Taken with the rollover bit, it would empty the TID memory, and the token below would load twice.
        var t = new TokenHarness();
        var sold = t.Credit(100, 10);
        t.Enter(sold).Response.ShouldBe(TokenResponse.Accepted);
        var rule = t.Model.Token!;
        var same = new MeterIdentity(rule.Iin, TokenHarness.Drn, rule.KeyType, rule.SupplyGroup, rule.TariffIndex, rule.KeyRevision, BaseDate.Year2035, rule.KeyExpiry);
        var sections = KeyChangeTokens.For(t.Install.Key, same, rollover: true);

        t.Enter(t.Encode(sections[0])).Response.ShouldBe(TokenResponse.KeyChangePending);
        var applied = t.Enter(t.Encode(sections[1]));

        applied.Response.ShouldBe(TokenResponse.Reject);
        applied.Detail.ShouldContain("already holds");
        t.State.Token!.BaseDate.ShouldBe(rule.BaseDate);
        t.Enter(sold).Response.ShouldBe(TokenResponse.Used);
        t.Remaining.ShouldBe(1_000);
    }

    [Fact]
    public void Enter_RolloverFrom2035_Rejected()
    {
        var t = new TokenHarness(TokenHarness.Load("pm-sts-energy.json", j => j.Replace("\"baseDate\": 2014", "\"baseDate\": 2035", StringComparison.Ordinal)));
        var (_, sections) = NewKey(t, rollover: true);

        t.Enter(t.Encode(sections[0]));
        t.Enter(t.Encode(sections[1])).Response.ShouldBe(TokenResponse.Reject);
        t.State.Token!.KeyRevision.ShouldBe(1);
    }

    [Fact]
    public void Enter_ThirdSectionOnA64BitMeter_Rejected() =>
        new TokenHarness().Let(t => t.Enter(t.Encode(new ThirdKeySection(1, 2))).Response.ShouldBe(TokenResponse.Reject));

    [Fact]
    public void Enter_FourSectionsInAnyOrderOnAMisty1Meter_NewKeyAndSupplyGroup()
    {
        var t = new TokenHarness(TokenHarness.Dual);
        var (key, sections) = NewKey(t, rollover: false, sgc: 777777);

        t.Enter(t.Encode(sections[3])).Display.ShouldBe("PLS 1st");
        t.Enter(t.Encode(sections[1])).Display.ShouldBe("PLS 1st");
        t.Enter(t.Encode(sections[0])).Display.ShouldBe("PLS 3rd");
        t.Enter(t.Encode(sections[2])).Response.ShouldBe(TokenResponse.Accepted);

        t.State.Token!.SupplyGroup.ShouldBe(777777);
        t.Codec = new TokenCodec(key.Cipher());
        t.Enter(t.Credit(10, 60)).Response.ShouldBe(TokenResponse.Accepted);
    }
}
