using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.State;

using static PrepaidMeter.Lab.Tests.Scenarios.AfterOpening;

namespace PrepaidMeter.Lab.Tests.Scenarios;

/// <summary>How a file says where a card write is cut short — at the counter or at the meter — and which meter a step reads.</summary>
public sealed class ScenarioParserCutTests
{
    [Theory]
    [InlineData("""{ "do": "sell", "energy": "10", "interrupt": "cardPulled", "afterBytes": 10 }""", CounterInterruptionKind.CardPulled, 10)]
    [InlineData("""{ "do": "correct", "energy": "10", "interrupt": "powerCut", "afterBytes": "0" }""", CounterInterruptionKind.PowerCut, 0)]
    [InlineData("""{ "do": "cancel", "interrupt": "cardPulled", "afterBytes": 7 }""", CounterInterruptionKind.CardPulled, 7)]
    [InlineData("""{ "do": "reissue", "interrupt": "powerCut", "afterBytes": 3 }""", CounterInterruptionKind.PowerCut, 3)]
    public void Parse_CounterStepWithAnInterruption_ReadsWhoAndAfterHowManyBytes(string step, CounterInterruptionKind kind, int bytes) =>
        Second(step).Interrupt.ShouldBe(new CounterInterruption(kind, bytes));

    [Fact]
    public void Parse_InterruptWithoutAfterBytes_IsRefused() =>
        Error("""{ "do": "sell", "energy": "10", "interrupt": "cardPulled" }""")
            .ShouldBe("t.json, step 2 ('sell'): 'interrupt' needs 'afterBytes': how many bytes of the card write reach the card first");

    [Fact]
    public void Parse_AfterBytesWithoutInterrupt_IsRefused() =>
        Error("""{ "do": "sell", "energy": "10", "afterBytes": 4 }""")
            .ShouldBe("t.json, step 2 ('sell'): 'afterBytes' needs 'interrupt' (cardPulled or powerCut): what stops the card write");

    [Fact]
    public void Parse_InterruptOnAStepThatWritesNoCustomerCard_IsAnUnknownField() =>
        ScenarioParser.Parse(With("""{ "do": "takeReading", "interrupt": "cardPulled", "afterBytes": 4 }"""), "t.json").Errors
            .ShouldBe([
                "t.json, step 2 ('takeReading'): unknown field 'interrupt'; it takes only note and expect",
                "t.json, step 2 ('takeReading'): unknown field 'afterBytes'; it takes only note and expect",
            ]);

    [Theory]
    [InlineData("""{ "do": "swipe", "cut": "duringCardWrite", "afterBytes": 9 }""", "DuringCardWrite(9)")]
    [InlineData("""{ "do": "swipe", "cut": "duringCardWrite" }""", "DuringCardWrite(half)")]
    [InlineData("""{ "do": "swipe", "cut": "beforeReadBack" }""", "BeforeReadBack")]
    [InlineData("""{ "do": "swipe", "cut": "afterCommit" }""", "AfterCommit")]
    [InlineData("""{ "do": "swipe" }""", "None")]
    public void Parse_SwipeCut_ReadsThePointAndTheByte(string step, string cut) =>
        Second(step).Cut.ToString().ShouldBe(cut);

    [Fact]
    public void Parse_SwipeCutDuringTheWriteAfterBytes_IsTheMetersOwnByteCut() =>
        Second("""{ "do": "swipe", "cut": "duringCardWrite", "afterBytes": 9 }""").Cut.ShouldBe(PowerCut.DuringCardWrite(9));

    [Fact]
    public void Parse_AfterBytesWithACutThatWritesNothing_IsRefused() =>
        Error("""{ "do": "swipe", "cut": "beforeCommit", "afterBytes": 2 }""")
            .ShouldBe("t.json, step 2 ('swipe'): 'afterBytes' counts the bytes of the meter's card write: give it with \"cut\": \"duringCardWrite\" or \"cardFault\": \"pulled\"");

    [Fact]
    public void Parse_RecoverBeforeAnyAccount_IsRefusedWhenTheFileLoads()
    {
        var result = ScenarioParser.Parse("""{ "name": "t", "model": "pm-ref-energy", "steps": [ { "do": "recover" } ] }""", "t.json");

        result.Errors.ShouldHaveSingleItem().ShouldContain("needs the customer's card, and no step opens an account");
    }

    [Fact]
    public void Parse_ReadMeterWithRecordedExpectations_ReadsThem()
    {
        var step = Second("""{ "do": "readMeter", "meter": "12345679", "expect": { "recordedLoadedCount": 2, "recordedRemaining": "58.5", "recordedCumulativeEnergy": "2", "pendingWrites": 0 } }""");

        step.Meter.ShouldBe(Core.MeterNumber.From(12345679));
        step.Expect.RecordedLoadedCount.ShouldBe(2u);
        step.Expect.RecordedRemaining.ShouldBe(5850);
        step.Expect.RecordedCumulativeEnergy.ShouldBe(200);
        step.Expect.PendingWrites.ShouldBe(0);
    }
}
