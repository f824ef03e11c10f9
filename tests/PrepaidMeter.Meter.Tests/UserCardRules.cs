using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter.Tests;

/// <summary>docs/meter-rules.md, sections U, T and E.</summary>
public sealed class UserCardRules
{
    [Fact]
    public void U1_CardCountOneAhead_LoadsThePurchase()
    {
        var bench = new MeterHarness().Configured();
        var outcome = bench.Insert(bench.UserCard(1, 5000));
        outcome.Result.ShouldBe(MeterResult.Loaded);
        var state = bench.State;
        state.Remaining.Hundredths.ShouldBe(6000);
        state.CumulativeLoaded.Hundredths.ShouldBe(5000);
        state.PurchaseCount.ShouldBe(PurchaseCount.From(1));
        state.LastCardSerial.ShouldBe(CardSerial.From(20260001));
    }

    [Fact]
    public void U2_SameCardAgain_LoadsNothing_AndRefreshesTheReturnWrite()
    {
        var bench = new MeterHarness().Configured();
        var image = bench.Image(bench.UserCard(1, 5000));
        bench.Insert(image);
        bench.Run(TimeSpan.FromHours(5), 1000);
        bench.Insert(image).Result.ShouldBe(MeterResult.AlreadyLoaded);
        bench.State.Remaining.Hundredths.ShouldBe(5500);
        bench.Decode(image).ReturnWrite!.Value.Remaining.Hundredths.ShouldBe(5500);
    }

    [Fact]
    public void U3_OldCard_GetsOnlyTheReturnWrite()
    {
        var bench = new MeterHarness().Configured();
        var first = bench.Image(bench.UserCard(1, 5000));
        var replay = (byte[])first.Clone();
        bench.Insert(first);
        bench.Insert(bench.UserCard(2, 3000));
        bench.Insert(replay).Result.ShouldBe(MeterResult.OldCard);
        bench.State.CumulativeLoaded.Hundredths.ShouldBe(8000);
    }

    [Fact]
    public void U4_CardTwoAhead_IsIllegal_AndCounted()
    {
        var bench = new MeterHarness().Configured();
        bench.Insert(bench.UserCard(2, 5000)).Result.ShouldBe(MeterResult.CountOutOfSequence);
        bench.State.IllegalCards.ShouldBe(1u);
        bench.State.CumulativeLoaded.Hundredths.ShouldBe(0);
    }

    [Fact]
    public void U5_PurchaseOverTheLimit_LoadsNothing_AndSaysSoOnTheCard()
    {
        var bench = new MeterHarness().Configured();
        var image = bench.Image(bench.UserCard(1, 99_000));
        bench.Insert(image).Result.ShouldBe(MeterResult.OverPurchaseLimit);
        bench.State.Remaining.Hundredths.ShouldBe(1000);
        bench.State.PurchaseCount.ShouldBe(PurchaseCount.Zero);
        bench.Decode(image).ReturnWrite!.Value.Status.HasFlag(ReturnWriteStatus.PurchaseRefusedOverLimit).ShouldBeTrue();
    }

    [Fact]
    public void U6_AcceptedCard_GetsTheReturnWriteBlock_AndKeepsItsOwnFields()
    {
        var bench = new MeterHarness().Configured();
        var card = bench.UserCard(1, 5000);
        var image = bench.Image(card);
        bench.Insert(image);
        var written = bench.Decode(image);
        written.ShouldBe(card with { ReturnWrite = written.ReturnWrite });
        var block = written.ReturnWrite!.Value;
        block.MeterNumber.ShouldBe(MeterHarness.Number);
        block.LoadedCount.ShouldBe(PurchaseCount.From(1));
        block.Remaining.Hundredths.ShouldBe(6000);
        block.WrittenAt.ShouldBe(bench.Meter.Clock);
        block.Status.HasFlag(ReturnWriteStatus.PurchaseLoaded).ShouldBeTrue();
    }

    [Fact]
    public void U7_UserCard_RestoresAnAlarm2Trip()
    {
        var bench = new MeterHarness().Configured();
        var image = bench.Image(bench.UserCard(1, 2000));
        bench.Insert(image);
        bench.Run(TimeSpan.FromDays(1), 1000);
        bench.State.OpenReasons.ShouldBe(OpenReasons.Alarm2);
        bench.Insert(image).Result.ShouldBe(MeterResult.AlreadyLoaded);
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void T1_CheckCard_ReceivesTheRegisters()
    {
        var bench = new MeterHarness().Configured();
        bench.Insert(bench.UserCard(1, 5000));
        var check = bench.Image(bench.ToolCard(CardKind.Check));
        bench.Insert(check).Result.ShouldBe(MeterResult.Read);
        var block = bench.Decode(check).ReturnWrite!.Value;
        block.Remaining.Hundredths.ShouldBe(6000);
        block.LoadedCount.ShouldBe(PurchaseCount.From(1));
    }

    [Fact]
    public void T2_TestCard_CyclesTheRelay_AndChangesNothing()
    {
        var bench = new MeterHarness().Configured();
        var before = bench.State;
        bench.Insert(bench.ToolCard(CardKind.Test)).Result.ShouldBe(MeterResult.Tested);
        bench.State.Events.ShouldContain(e => e.Kind == MeterEventKind.RelayTestCycle);
        (bench.State with { Events = before.Events }).ShouldBe(before);
    }

    [Fact]
    public void T3_MeterChangeCard_MovesTheRemainingCreditOntoTheCard()
    {
        var bench = new MeterHarness().Configured();
        bench.Insert(bench.UserCard(1, 5000));
        var change = bench.Image(bench.ToolCard(CardKind.MeterChange, MeterHarness.Number));
        bench.Insert(change).Result.ShouldBe(MeterResult.CreditTransferred);
        bench.Decode(change).ReturnWrite!.Value.Remaining.Hundredths.ShouldBe(6000);
        bench.State.Remaining.Hundredths.ShouldBe(0);
        bench.State.TransferredOut.Hundredths.ShouldBe(6000);
        bench.State.Conserves.ShouldBeTrue();
    }

    [Fact]
    public void E1_ExhaustedMeter_LendsEmergencyCreditOnce()
    {
        var bench = new MeterHarness().Configured();
        var image = bench.Image(bench.UserCard(1, 1000));
        bench.Insert(image);
        bench.Run(TimeSpan.FromDays(2), 1000);
        bench.Insert(image); // restores the alarm-2 trip
        bench.Run(TimeSpan.FromDays(2), 1000);
        bench.State.CreditState.ShouldBe(CreditState.Exhausted);
        bench.State.Relay.ShouldBe(RelayState.Open);

        bench.Insert(image).Result.ShouldBe(MeterResult.EmergencyCreditGranted);
        bench.State.Relay.ShouldBe(RelayState.Closed);
        bench.State.EmergencyOutstanding.Hundredths.ShouldBe(500);
        bench.Insert(image).Result.ShouldBe(MeterResult.AlreadyLoaded);
        bench.State.EmergencyBorrowedTotal.Hundredths.ShouldBe(500);
    }

    [Fact]
    public void E2_NextPurchase_RepaysTheEmergencyCreditFirst()
    {
        var bench = new MeterHarness().Configured();
        var image = bench.Image(bench.UserCard(1, 1000));
        bench.Insert(image);
        bench.Run(TimeSpan.FromDays(2), 1000);
        bench.Insert(image);
        bench.Run(TimeSpan.FromDays(2), 1000);
        bench.Insert(image);
        var before = bench.State.Remaining.Hundredths;
        bench.Insert(bench.UserCard(2, 3000)).Result.ShouldBe(MeterResult.Loaded);
        bench.State.Remaining.Hundredths.ShouldBe(before + 3000 - 500);
        bench.State.EmergencyOutstanding.Hundredths.ShouldBe(0);
        bench.State.Conserves.ShouldBeTrue();
    }
}
