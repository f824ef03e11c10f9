using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests.State;

/// <summary>
/// A card event's result code, which the web console's meter display shows: the same whether the event was just made or read
/// back from NVRAM, where only its words are kept.
/// </summary>
public sealed class MeterEventTests
{
    [Fact]
    public void CardResult_OfAnInsertion_IsItsResult_AndTheSameOnceOnlyItsWordsAreKept()
    {
        var made = MeterEvent.CardInserted(Some.Moment, CardKind.User, CardSerial.From(20260001), MeterResult.CountOutOfSequence);
        var readBack = new MeterEvent(made.At, made.Kind, made.Detail);

        made.CardResult.ShouldBe(MeterResult.CountOutOfSequence);
        readBack.CardResult.ShouldBe(MeterResult.CountOutOfSequence);
    }

    [Fact]
    public void CardResult_OfACardThatDidNotDecode_IsItsRefusal()
    {
        new MeterEvent(Some.Moment, MeterEventKind.CardInserted, "unreadable card: BadCard").CardResult.ShouldBe(MeterResult.BadCard);
    }

    [Theory]
    [InlineData(MeterEventKind.Alarm1, "remaining 5.00 kWh: Loaded")]
    [InlineData(MeterEventKind.CardInserted, "User card 20260001: 7")]
    [InlineData(MeterEventKind.CardInserted, "words without a code")]
    public void CardResult_OfAnyOtherEventOrWords_IsNone(MeterEventKind kind, string detail)
    {
        new MeterEvent(Some.Moment, kind, detail).CardResult.ShouldBeNull();
    }
}
