using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;

using static PrepaidMeter.Lab.Tests.Running.InlineScenarios;

namespace PrepaidMeter.Lab.Tests.Running;

/// <summary>A swipe's power cut at the meter at a chosen point of its card handling, down to a byte of its card write.</summary>
public sealed class MeterCutTests
{
    [Fact]
    public async Task Swipe_CutAfter0BytesOfTheMetersWrite_LoadsOnceAndTheCardStillLooksUnswiped()
    {
        var result = await Run("""
            { "do": "openAccount", "energy": "50" },
            { "do": "swipe", "cut": "duringCardWrite", "afterBytes": 0, "expect": { "result": "powerCut", "remaining": "60.00", "purchaseCount": 1 } },
            { "do": "sell", "energy": "5", "expect": { "refused": "cardNotSwiped" } },
            { "do": "restorePower" },
            { "do": "swipe", "expect": { "result": "alreadyLoaded", "remaining": "60.00", "cardLoadedCount": 1 } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[1].Summary.ShouldContain("0 of ");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    public async Task Swipe_CutAfterKBytes_LandsExactlyKChangedBytesOnTheCard(int k)
    {
        var result = await Run($$"""
            { "do": "openAccount", "energy": "50" },
            { "do": "swipe", "cut": "duringCardWrite", "afterBytes": {{k}}, "expect": { "result": "powerCut", "remaining": "60.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[1].Summary.ShouldContain($"{k} of ");
        var card = result.Steps[1].Card.ShouldNotBeNull();
        Changed(card.BeforeHex, card.AfterHex).ShouldBe(k);
    }

    [Fact]
    public async Task Swipe_CutBeforeReadBack_LeavesTheWholeReturnWriteOnTheCard()
    {
        var result = await Run("""
            { "do": "openAccount", "energy": "50" },
            { "do": "swipe", "cut": "beforeReadBack", "expect": { "result": "powerCut", "remaining": "60.00", "cardLoadedCount": 1, "cardRemaining": "60.00" } },
            { "do": "restorePower" },
            { "do": "sell", "energy": "5", "expect": { "receipts": 2 } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task Swipe_CutAfterMoreBytesThanTheWriteChanges_LandsTheWholeReturnWrite()
    {
        var result = await Run("""
            { "do": "openAccount", "energy": "50" },
            { "do": "swipe", "cut": "duringCardWrite", "afterBytes": 100000, "expect": { "result": "powerCut", "cardLoadedCount": 1 } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    private static int Changed(string beforeHex, string afterHex)
    {
        var (before, after) = (Convert.FromHexString(beforeHex), Convert.FromHexString(afterHex));
        return before.Zip(after).Count(pair => pair.First != pair.Second);
    }
}
