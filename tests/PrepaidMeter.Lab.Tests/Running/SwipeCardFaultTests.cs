using static PrepaidMeter.Lab.Tests.Running.InlineScenarios;

namespace PrepaidMeter.Lab.Tests.Running;

/// <summary>
/// A swipe whose user card misbehaves in the meter's reader, on the virtual target: played through the virtual card's fault
/// plan by the in-process reader, as the stack target's card behind vpcd plays it (LabStackTests compares the two).
/// </summary>
public sealed class SwipeCardFaultTests
{
    [Fact]
    public async Task Swipe_Answer6F00ToARead_TheMeterCannotReadTheCard_AndNothingChanges()
    {
        var result = await Run("""
            { "do": "openAccount", "energy": "50" },
            { "do": "swipe", "cardFault": "answer", "apdu": 3, "sw": "6F00", "expect": { "result": "unreadable", "remaining": "10.00", "purchaseCount": 0 } },
            { "do": "swipe", "expect": { "result": "loaded", "remaining": "60.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[1].Summary.ShouldContain("answers 6F00 to APDU 3");
        result.Steps[1].Summary.ShouldContain("status 6F00");
        var card = result.Steps[1].Card.ShouldNotBeNull();
        card.AfterHex.ShouldBe(card.BeforeHex);
    }

    [Fact]
    public async Task Swipe_CardPulledAfter6Bytes_TheMeterLoads_AndAtMostSixBytesOfTheReturnWriteLand()
    {
        var whole = await Run("""
            { "do": "openAccount", "energy": "50" },
            { "do": "swipe" }
            """);
        var torn = await Run("""
            { "do": "openAccount", "energy": "50" },
            { "do": "swipe", "cardFault": "pulled", "afterBytes": 6, "expect": { "result": "loaded", "remaining": "60.00", "purchaseCount": 1 } },
            { "do": "swipe", "expect": { "result": "badCard", "remaining": "60.00" } }
            """);

        torn.Passed.ShouldBeTrue(Failures(torn));
        var (before, after) = (Convert.FromHexString(torn.Steps[1].Card!.BeforeHex), Convert.FromHexString(torn.Steps[1].Card!.AfterHex));
        var written = Convert.FromHexString(whole.Steps[1].Card!.AfterHex);
        var first = Enumerable.Range(0, before.Length).First(i => before[i] != written[i]);
        after[first..(first + 6)].ShouldBe(written[first..(first + 6)], "the first six bytes the meter sends land");
        after[(first + 6)..].ShouldBe(before[(first + 6)..], "nothing after them");
    }

    [Fact]
    public async Task Swipe_LeaveAtTheFirstRead_IsUnreadable()
    {
        var result = await Run("""
            { "do": "openAccount", "energy": "50" },
            { "do": "swipe", "cardFault": "leave", "apdu": 2, "expect": { "result": "unreadable", "purchaseCount": 0 } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }
}
