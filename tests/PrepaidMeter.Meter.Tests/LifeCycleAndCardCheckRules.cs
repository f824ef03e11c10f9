using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests;

/// <summary>docs/meter-rules.md, sections L and C.</summary>
public sealed class LifeCycleAndCardCheckRules
{
    [Fact]
    public void L1_NewMeter_HoldsThePresetAndTheModelDefaults()
    {
        var state = new MeterHarness().State;
        state.LifeCycle.ShouldBe(LifeCycle.New);
        state.Remaining.Hundredths.ShouldBe(1000);
        state.Parameters.ShouldBe(MeterModels.ReferenceEnergy.Defaults);
        state.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void L2_SetCard_ConfiguresANewMeter_AndRewritesParametersLater()
    {
        var bench = new MeterHarness();
        bench.Insert(bench.ToolCard(CardKind.Set)).Result.ShouldBe(MeterResult.Configured);
        bench.State.LifeCycle.ShouldBe(LifeCycle.Configured);

        var raised = bench.ToolCard(CardKind.Set, MeterHarness.Number) with
        {
            Parameters = bench.Model.Defaults with { PurchaseLimit = new(CreditUnit.Energy, 50_000) },
        };
        bench.Insert(raised).Result.ShouldBe(MeterResult.Configured);
        bench.State.Parameters.PurchaseLimit.Hundredths.ShouldBe(50_000);
        bench.State.LifeCycle.ShouldBe(LifeCycle.Configured);
    }

    [Fact]
    public void L2_SetCardWithAlarm2AboveAlarm1_IsRefused_AndChangesNothing()
    {
        var bench = new MeterHarness();
        var bad = bench.ToolCard(CardKind.Set) with { Parameters = bench.Model.Defaults with { Alarm2 = new(CreditUnit.Energy, 99_999) } };
        bench.Insert(bad).Result.ShouldBe(MeterResult.BadParameters);
        bench.State.LifeCycle.ShouldBe(LifeCycle.New);
    }

    [Fact]
    public void L3_FirstUserCard_BindsTheMeter_AndAnotherCustomersCardIsRefused()
    {
        var bench = new MeterHarness().Configured();
        bench.Insert(bench.UserCard(1, 5000)).Result.ShouldBe(MeterResult.Loaded);
        bench.State.LifeCycle.ShouldBe(LifeCycle.Bound);
        bench.State.Customer.ShouldBe(MeterHarness.Customer);
        var before = bench.State;
        bench.Insert(bench.UserCard(2, 5000, CustomerNumber.From(2002))).Result.ShouldBe(MeterResult.WrongCustomer);
        bench.State.Remaining.ShouldBe(before.Remaining);
    }

    [Fact]
    public void L4_ClearCard_ReturnsToNew_KeepingTheClock()
    {
        var bench = new MeterHarness().Configured();
        bench.Insert(bench.UserCard(1, 5000));
        bench.Run(TimeSpan.FromHours(10), 1000);
        var clock = bench.Meter.Clock;
        bench.Insert(bench.ToolCard(CardKind.Clear)).Result.ShouldBe(MeterResult.Cleared);
        var state = bench.State;
        state.LifeCycle.ShouldBe(LifeCycle.New);
        state.Remaining.Hundredths.ShouldBe(bench.Model.PresetCredit.Hundredths);
        state.CumulativeEnergy.ShouldBe(Energy.Zero);
        state.PurchaseCount.ShouldBe(PurchaseCount.Zero);
        state.Clock.ShouldBe(clock);
    }

    [Fact]
    public void L5_ZeroCard_IsClearButKeepsCumulativeEnergy()
    {
        var bench = new MeterHarness().Configured();
        bench.Insert(bench.UserCard(1, 5000));
        bench.Run(TimeSpan.FromHours(10), 1000);
        bench.Insert(bench.ToolCard(CardKind.Zero)).Result.ShouldBe(MeterResult.Zeroed);
        bench.State.LifeCycle.ShouldBe(LifeCycle.New);
        bench.State.CumulativeEnergy.ShouldBe(Energy.FromKilowattHours(10m));
        bench.State.PurchaseCount.ShouldBe(PurchaseCount.Zero);
    }

    [Fact]
    public void L6_UserCardOnANewMeter_IsRefused()
    {
        var bench = new MeterHarness();
        bench.Insert(bench.UserCard(1, 5000)).Result.ShouldBe(MeterResult.NotConfigured);
        bench.State.Remaining.Hundredths.ShouldBe(1000);
    }

    [Fact]
    public void C1_CorruptedCard_IsRefusedWithTheCodecsFault_AndNothingChanges()
    {
        var bench = new MeterHarness().Configured();
        var image = bench.Image(bench.UserCard(1, 5000));
        image[62] ^= 0x10;
        var before = bench.State;
        var outcome = bench.Insert(image);
        outcome.Result.ShouldBe(MeterResult.BadCard);
        outcome.Fault.ShouldNotBeNull().Kind.ShouldBe(CardFaultKind.Checksum);
        bench.State.Remaining.ShouldBe(before.Remaining);
        bench.State.PurchaseCount.ShouldBe(before.PurchaseCount);
    }

    [Fact]
    public void C1_BlankCard_IsRefused() =>
        new MeterHarness().Configured().Insert(MeterModels.ReferenceEnergy.Layouts[0].NewImage()).Result.ShouldBe(MeterResult.BlankCard);

    [Fact]
    public void C1_CardOfAnotherGroupsKey_IsAMacError()
    {
        var bench = new MeterHarness().Configured();
        bench.Layout.Encode(bench.UserCard(1, 5000), Some.ForeignKeys, out var forged).ThrowIfRefused();
        bench.Insert(forged).Fault.ShouldNotBeNull().Kind.ShouldBe(CardFaultKind.Mac);
    }

    [Fact]
    public void C2_CardOfAnotherSupplyGroup_IsRefused()
    {
        var bench = new MeterHarness().Configured();
        bench.Insert(bench.UserCard(1, 5000) with { SupplyGroup = SupplyGroupCode.From(200002) }).Result.ShouldBe(MeterResult.WrongGroup);
        bench.State.PurchaseCount.ShouldBe(PurchaseCount.Zero);
    }

    [Fact]
    public void C3_CardForAnotherMeter_IsRefused_ButToolCardsForAnyMeterFit()
    {
        var bench = new MeterHarness().Configured();
        bench.Insert(bench.UserCard(1, 5000) with { MeterNumber = MeterNumber.From(99) }).Result.ShouldBe(MeterResult.WrongMeter);
        bench.Insert(bench.ToolCard(CardKind.Check, MeterNumber.From(99))).Result.ShouldBe(MeterResult.WrongMeter);
        bench.Insert(bench.ToolCard(CardKind.Check)).Result.ShouldBe(MeterResult.Read);
    }

    [Fact]
    public void C4_EveryInsertion_AppendsOneEvent_InARingOfTheModelsDepth()
    {
        var bench = new MeterHarness().Configured();
        for (var i = 0; i < 40; i++)
        {
            bench.Insert(bench.ToolCard(CardKind.Test));
        }

        var events = bench.State.Events;
        events.Count.ShouldBe(bench.Model.EventLogDepth);
        events[^1].Kind.ShouldBe(MeterEventKind.CardInserted);
        events[^1].Detail.ShouldContain("Tested");
    }
}
