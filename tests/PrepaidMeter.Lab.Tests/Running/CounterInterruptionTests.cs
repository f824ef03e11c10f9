using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;

using static PrepaidMeter.Lab.Tests.Running.InlineScenarios;

namespace PrepaidMeter.Lab.Tests.Running;

/// <summary>A counter step's card write cut short at a chosen byte — the card pulled, or the counter's power cut — and what follows.</summary>
public sealed class CounterInterruptionTests
{
    private const string Opened = """{ "do": "openAccount", "energy": "50" }, { "do": "swipe" }, """;

    [Fact]
    public async Task Step_CardPulledAfter10Bytes_LeavesSalePendingUntilRecoveryPutsTheCardBack()
    {
        var result = await Run(Opened + """
            { "do": "sell", "energy": "10", "interrupt": "cardPulled", "afterBytes": 10,
              "expect": { "refused": "cardWriteFailed", "pendingWrites": 1, "receipts": 1, "sold": "50.00" } },
            { "do": "sell", "energy": "5", "note": "the torn card does not decode", "expect": { "refused": "cardRefused" } },
            { "do": "recover", "expect": { "pendingWrites": 0, "cardPurchaseCount": 1, "receipts": 1 } },
            { "do": "sell", "energy": "10", "expect": { "pendingWrites": 0, "cardPurchaseCount": 2, "receipts": 2, "sold": "60.00" } },
            { "do": "swipe", "expect": { "result": "loaded", "remaining": "70.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[2].Summary.ShouldStartWith("card pulled after 10 bytes: selling 10.00 kWh: refused (CardWriteFailed)");
        result.Steps[2].Card.ShouldNotBeNull().Changes.ShouldNotBeEmpty("the card in hand is torn");
    }

    [Fact]
    public async Task Step_PowerCutAtTheCounterAfter3Bytes_LeavesTheSalePendingWithoutAnAnswer()
    {
        var result = await Run(Opened + """
            { "do": "sell", "energy": "10", "interrupt": "powerCut", "afterBytes": 3, "expect": { "pendingWrites": 1, "receipts": 1 } },
            { "do": "swipe", "expect": { "result": "badCard", "remaining": "60.00" } },
            { "do": "recover", "expect": { "pendingWrites": 0, "cardPurchaseCount": 1 } },
            { "do": "sell", "energy": "10", "expect": { "receipts": 2 } },
            { "do": "swipe", "expect": { "result": "loaded", "remaining": "70.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[2].Summary.ShouldStartWith("power cut at the counter after 3 bytes of the card write: the back office stopped without an answer; started again, it holds 1 card write pending");
        result.Steps[2].Refusal.ShouldBeNull();
    }

    [Fact]
    public async Task Step_CardPulledAtTheWritesLastByte_RecoveryCompletesTheSale()
    {
        var bytes = await WriteLengthAsync(Opened, """{ "do": "sell", "energy": "10" }""");

        var result = await Run(Opened + $$"""
            { "do": "sell", "energy": "10", "interrupt": "cardPulled", "afterBytes": {{bytes}}, "expect": { "refused": "cardWriteFailed", "pendingWrites": 1 } },
            { "do": "recover", "expect": { "pendingWrites": 0, "cardPurchaseCount": 2, "receipts": 2, "sold": "60.00" } },
            { "do": "swipe", "expect": { "result": "loaded", "remaining": "70.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task Step_InterruptionPastTheWritesEnd_FailsSayingHowLongTheWriteWas()
    {
        var result = await Run(Opened + """{ "do": "sell", "energy": "10", "interrupt": "powerCut", "afterBytes": 100000 }""");

        result.Steps[2].Problem.ShouldNotBeNull().ShouldStartWith("power cut at the counter after 100000 bytes was asked for, but the card write was ");
        result.Steps[2].Problem.ShouldEndWith(" bytes: nothing was cut short");
    }

    [Theory]
    [InlineData("cardPulled", """ "refused": "cardWriteFailed", """)]
    [InlineData("powerCut", "")]
    public async Task Step_ReissueCutShort_LeavesTheTornNewCardInHandForRecovery(string how, string refused)
    {
        var result = await Run(Opened + $$"""
            { "do": "loseCard" },
            { "do": "reissue", "interrupt": "{{how}}", "afterBytes": 5, "expect": { {{refused}} "pendingWrites": 1 } },
            { "do": "recover", "expect": { "pendingWrites": 0 } },
            { "do": "reissue", "expect": { "cardPurchaseCount": 1 } },
            { "do": "swipe", "expect": { "result": "alreadyLoaded", "remaining": "60.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task Step_OpeningCutShort_RecoveryPutsTheBlankBackAndTheAccountOpensOnASecondTry()
    {
        var result = await Run("""
            { "do": "openAccount", "energy": "50", "interrupt": "cardPulled", "afterBytes": 5,
              "expect": { "refused": "cardWriteFailed", "pendingWrites": 1, "receipts": 0 } },
            { "do": "recover", "expect": { "pendingWrites": 0, "receipts": 0 } },
            { "do": "openAccount", "energy": "50", "expect": { "receipts": 1, "cardPurchaseCount": 1 } },
            { "do": "swipe", "expect": { "result": "loaded", "remaining": "60.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task Step_OpeningPulledAtTheWritesLastByte_RecoveryOpensTheAccountAndTheCardSells()
    {
        var bytes = await WriteLengthAsync("", """{ "do": "openAccount", "energy": "50" }""");

        var result = await Run($$"""
            { "do": "openAccount", "energy": "50", "interrupt": "cardPulled", "afterBytes": {{bytes}}, "expect": { "refused": "cardWriteFailed", "pendingWrites": 1 } },
            { "do": "recover", "expect": { "pendingWrites": 0, "receipts": 1, "cardPurchaseCount": 1 } },
            { "do": "swipe", "expect": { "result": "loaded", "remaining": "60.00" } },
            { "do": "sell", "energy": "10", "expect": { "receipts": 2 } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task Step_ToolCardCutShort_NeverReachesTheMeterAndWaitsForRecovery()
    {
        var result = await Run(Opened + """
            { "do": "toolCard", "kind": "zero", "interrupt": "powerCut", "afterBytes": 3, "expect": { "pendingWrites": 1, "remaining": "60.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[2].Summary.ShouldStartWith("power cut at the counter after 3 bytes of the card write");
        result.Steps[2].Card.ShouldBeNull();
    }

    [Fact]
    public async Task Step_ReissueWhileAPulledSaleIsPending_IsRefusedUntilTheTornCardIsRecovered()
    {
        var result = await Run(Opened + """
            { "do": "sell", "energy": "10", "interrupt": "cardPulled", "afterBytes": 10, "expect": { "refused": "cardWriteFailed" } },
            { "do": "loseCard" },
            { "do": "reissue", "expect": { "refused": "unsettled", "pendingWrites": 1 } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task Step_CardPulledAtTheLastByteThenSwiped_LoadsAndRecoveryCommitsTheSaleItLoaded()
    {
        var bytes = await WriteLengthAsync(Opened, """{ "do": "sell", "energy": "10" }""");

        var result = await Run(Opened + $$"""
            { "do": "sell", "energy": "10", "interrupt": "cardPulled", "afterBytes": {{bytes}}, "expect": { "refused": "cardWriteFailed", "receipts": 1 } },
            { "do": "swipe", "note": "the card holds the whole sale: the meter loads it before the books have it", "expect": { "result": "loaded", "remaining": "70.00" } },
            { "do": "recover", "expect": { "pendingWrites": 0, "receipts": 2, "sold": "60.00" } },
            { "do": "sell", "energy": "5", "expect": { "receipts": 3, "cardPurchaseCount": 3 } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[4].Summary.ShouldContain("has been to a meter since");
    }

    /// <summary>
    /// How many bytes <paramref name="step"/>'s card write is, after <paramref name="before"/>: as a step that asks for a mark
    /// past the write's end reports it.
    /// </summary>
    private static async Task<string> WriteLengthAsync(string before, string step)
    {
        var marked = step.TrimEnd('}', ' ') + """, "interrupt": "cardPulled", "afterBytes": 100000 }""";
        var whole = await Run(before + marked);
        return System.Text.RegularExpressions.Regex.Match(whole.Steps[^1].Problem.ShouldNotBeNull(), "the card write was ([0-9]+) bytes").Groups[1].Value;
    }
}
