using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Hardware.Traces;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.Traces;

public sealed class TracingMediumTests
{
    [Fact]
    public void Respond_ASaleOnAnSle4442_RecordsEachCommandItsAnswerAndTheCardsStateAfter()
    {
        var exchanges = SaleOnACard.Sell(SaleOnACard.Card(2, 30m), 40m);

        exchanges.Select(e => ApduNames.Command(e.Command)).Take(4).ShouldBe(
            ["SELECT CARD TYPE 06 (SLE4432/4442)", "READ at 0, 255 bytes", "READ at 255, 1 byte", "PRESENT PSC ** ** **"]);
        exchanges.ShouldAllBe(e => e.Side == TraceSide.Card && e.Reader == "Virtual PCD 00 00" && e.Session == 1);
        exchanges[0].Atr.ShouldBe(AcsMemoryApdus.Sle4442Atr);
        exchanges[2].Card.ShouldBe(new CardState("sle4442", Unlocked: false, ErrorCounter: 0x07));
        exchanges[3].Response.ShouldBe(new byte[] { 0x90, 0x07 });
        exchanges[3].Card!.Unlocked.ShouldBeTrue();
        exchanges[4].StatusWord.ShouldBe((ushort)0x9000);
    }

    [Fact]
    public void Respond_OnTheTracesClock_StampsWhenTheCommandCameAndHowLongTheAnswerTook()
    {
        var time = new FakeTimeProvider(Some.Moment);
        var trace = new CollectingTrace(time);
        var medium = new TracingMedium(new SlowMedium(new MemoryCardOnAcsReader(new MemoryCard(new byte[256])), time, TimeSpan.FromMilliseconds(12.5)), trace);

        medium.Respond(AcsMemoryApdus.Read(0, 8));

        trace.Exchanges[0].Time.ShouldBe(Some.Moment);
        trace.Exchanges[0].Duration.ShouldBe(TimeSpan.FromMilliseconds(12.5));
    }

    [Fact]
    public void EndSession_AfterCommands_StartsTheNextSession_ButAPowerOnBeforeTheFirstDoesNot()
    {
        var trace = new CollectingTrace(new FakeTimeProvider(Some.Moment));
        var medium = new TracingMedium(new MemoryCardOnAcsReader(new MemoryCard(new byte[256])), trace);

        medium.EndSession(); // pcscd powers the card on before its first APDU
        medium.Respond(AcsMemoryApdus.Read(0, 8));
        medium.EndSession();
        medium.EndSession();
        medium.Respond(AcsMemoryApdus.Read(0, 8));

        trace.Exchanges.Select(e => e.Session).ShouldBe([1, 2]);
    }

    [Fact]
    public void Respond_ACpuCard_RecordsItsMediumAndWhetherItIsAuthenticated()
    {
        var trace = new CollectingTrace(new FakeTimeProvider(Some.Moment));
        var medium = new TracingMedium(CpuCard.Personalise(new byte[256], SaleOnACard.Psc), trace);

        medium.Respond(Iso7816Apdus.Select(CpuCard.ImageFile));

        trace.Exchanges[0].Card.ShouldBe(new CardState("cpu", Unlocked: false, ErrorCounter: 0x07));
        trace.Exchanges[0].Atr.ShouldBe(CpuCard.CpuAtr);
    }

    [Fact]
    public void Respond_AMediumThatFails_IsRecordedWithTheFailure_AndTheFailureGoesOn()
    {
        var trace = new CollectingTrace(new FakeTimeProvider(Some.Moment));
        var medium = new TracingMedium(new FailingMedium(new MemoryCardOnAcsReader(new MemoryCard(new byte[256]))), trace);

        Should.Throw<OverflowException>(() => medium.Respond(AcsMemoryApdus.Read(0, 8)));

        trace.Exchanges.ShouldHaveSingleItem().Error.ShouldBe("the card failed: OverflowException: the model overflowed");
        trace.Exchanges[0].Response.ShouldBeEmpty();
    }

    /// <summary>A medium whose model fails on every command.</summary>
    private sealed class FailingMedium(IVirtualCardMedium inner) : IVirtualCardMedium
    {
        public string MediaName => inner.MediaName;

        public ReadOnlySpan<byte> Atr => inner.Atr;

        public ReadOnlySpan<byte> Memory => inner.Memory;

        public byte[] Respond(ReadOnlySpan<byte> command) => throw new OverflowException("the model overflowed");

        public bool IsWrite(ReadOnlySpan<byte> command) => inner.IsWrite(command);

        public void WritePartly(ReadOnlySpan<byte> command, int bytes) => inner.WritePartly(command, bytes);

        public void EndSession() => inner.EndSession();
    }

    /// <summary>A medium whose answers take <paramref name="delay"/> on a fake clock.</summary>
    private sealed class SlowMedium(IVirtualCardMedium inner, FakeTimeProvider time, TimeSpan delay) : IVirtualCardMedium
    {
        public string MediaName => inner.MediaName;

        public ReadOnlySpan<byte> Atr => inner.Atr;

        public ReadOnlySpan<byte> Memory => inner.Memory;

        public byte[] Respond(ReadOnlySpan<byte> command)
        {
            time.Advance(delay);
            return inner.Respond(command);
        }

        public bool IsWrite(ReadOnlySpan<byte> command) => inner.IsWrite(command);

        public void WritePartly(ReadOnlySpan<byte> command, int bytes) => inner.WritePartly(command, bytes);

        public void EndSession() => inner.EndSession();
    }
}
