using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.State;

using static PrepaidMeter.Lab.Tests.Scenarios.AfterOpening;

namespace PrepaidMeter.Lab.Tests.Scenarios;

/// <summary>How a file says what a swipe's user card does wrong in the meter's reader: the fault plan it becomes, and the mistakes named.</summary>
public sealed class ScenarioParserCardFaultTests
{
    [Fact]
    public void Parse_CardPulledAfterBytes_IsATornWriteAtThatByte()
    {
        var step = Second("""{ "do": "swipe", "cardFault": "pulled", "afterBytes": 6 }""");

        step.CardFault.ShouldBe(CardFaults.None.TearingWritesAfter(6));
        step.Cut.ShouldBe(PowerCut.None);
    }

    [Fact]
    public void Parse_LeaveAtApdu_LeavesThere() =>
        Second("""{ "do": "swipe", "cardFault": "leave", "apdu": "4" }""").CardFault.ShouldBe(CardFaults.None.LeavingAt(4));

    [Fact]
    public void Parse_AnswerAStatusWord_AnswersItToThatApdu() =>
        Second("""{ "do": "swipe", "cardFault": "answer", "apdu": 3, "sw": "6f00" }""").CardFault.ShouldBe(CardFaults.None.Answering(ApduAnswer.To(3, 0x6F00)));

    [Fact]
    public void Parse_SwipeWithoutAFault_HasNone() => Second("""{ "do": "swipe" }""").CardFault.IsNone.ShouldBeTrue();

    [Theory]
    [InlineData("""{ "do": "swipe", "cardFault": "pulled" }""", "\"cardFault\": \"pulled\" needs \"afterBytes\"")]
    [InlineData("""{ "do": "swipe", "cardFault": "answer", "apdu": 3 }""", "\"cardFault\": \"answer\" needs \"apdu\" and \"sw\"")]
    [InlineData("""{ "do": "swipe", "cardFault": "leave", "apdu": 3, "sw": "6F00" }""", "\"cardFault\": \"leave\" takes \"apdu\", not 'sw'")]
    [InlineData("""{ "do": "swipe", "cardFault": "leave", "apdu": 1 }""", "'apdu' counts the meter reader's APDUs from 2")]
    [InlineData("""{ "do": "swipe", "cardFault": "answer", "apdu": 3, "sw": "6C00" }""", "'sw': '6C00': SW1 61 and 6C are T=0 procedure bytes")]
    [InlineData("""{ "do": "swipe", "cardFault": "pulled", "afterBytes": 6, "cut": "duringCardWrite" }""", "give 'cut' (the meter's power) or 'cardFault' (the card), not both")]
    [InlineData("""{ "do": "swipe", "apdu": 3 }""", "'apdu' and 'sw' go with \"cardFault\"")]
    [InlineData("""{ "do": "swipe", "afterBytes": 3 }""", "give it with \"cut\": \"duringCardWrite\" or \"cardFault\": \"pulled\"")]
    public void Parse_CardFaultMistake_IsNamed(string step, string says) =>
        Error(step).ShouldContain(says);
}
