using FsCheck.Fluent;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Records;

public sealed class CardRecordJsonTests
{
    [Fact]
    public void WriteThenRead_IsTheIdentity_ForEveryGeneratedRecord()
    {
        foreach (var layout in CardLayouts.All)
        {
            Prop.ForAll(CardGens.Record(layout).ToArbitrary(), record =>
            {
                CardRecordJson.TryRead(CardRecordJson.Write(record), out var read).ShouldBeNull();
                read.ShouldBe(record);
            }).QuickCheckThrowOnFailure(500);
        }
    }

    [Fact]
    public void WriteThenRead_VolumeUserCard_SaysVolumeAndReadsBackTheSame()
    {
        var card = Layouts.CardLayoutCreditUnitTests.VolumeCard("pm-ref-v1");

        var json = CardRecordJson.Write(card);

        json.ShouldContain("\"creditUnit\": \"volume\"");
        json.ShouldContain("\"purchase\": \"12.34\"");
        CardRecordJson.TryRead(json, out var read).ShouldBeNull();
        read.ShouldBe(card);
    }

    [Theory]
    [InlineData("""{"kind":"user","layout":"x","creditUnit":"water"}""", "creditUnit: 'water' is none of 'energy', 'money' and 'volume'")]
    [InlineData("""{"kind":"user","layout":"x","creditUnit":"Volume"}""", "creditUnit: 'Volume' is none of")]
    [InlineData("""{"kind":"user","layout":"pm-ref-v1","purchase":"1.234"}""", "purchase: '1.234' is not a money amount: the amount has more than two decimals")]
    [InlineData("""{"kind":"clear","layout":"pm-ref-v1","purchase":"5"}""", "purchase: a clear card does not carry this")]
    [InlineData("""{"kind":"gift","layout":"pm-ref-v1"}""", "kind: 'gift' is not a card kind")]
    [InlineData("""{"kind":"user"}""", "'layout' is required")]
    [InlineData("""{"kind":"user","layout":"x","meterNumber":"12345678901234"}""", "meterNumber: '12345678901234' is not a meter number")]
    [InlineData("""{"kind":"user","layout":"x","purchase":"-5"}""", "must not be negative")]
    [InlineData("""{"kind":"user","layout":"x","returnWrite":{"writtenAt":"yesterday"}}""", "returnWrite.writtenAt")]
    [InlineData("""{"kind":"user","layout":"x","returnWrite":{"writtenAt":"2026-01-01T00:00:00Z","status":["onFire"]}}""", "'onFire' is not a status flag")]
    [InlineData("[1,2]", "a card record is a JSON object")]
    [InlineData("{", "not JSON")]
    public void TryRead_BadRecord_NamesTheProperty(string json, string message) =>
        CardRecordJson.TryRead(json, out _).ShouldNotBeNull().ShouldContain(message);
}
