using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Lab.Tests.Running;

/// <summary>
/// A sale, correction or cancel whose card write is cut short at any byte — the card pulled, or the counter's power
/// cut — and then recovered: nothing stays pending, the card is whole again (it decodes), and once swiped the meter
/// holds exactly the credit the committed receipts sold, the interrupted operation counted once or not at all.
/// </summary>
public sealed class CounterInterruptionProperties
{
    private static readonly PurchaseRequest Ten = PurchaseRequest.ForEnergy(Energy.FromKilowattHours(10));

    [Fact]
    public void CardWriteCutAtAnyByte_ThenRecovered_TheMeterLoadsWhatTheBooksSoldOnce()
    {
        var cut = Gen.Elements(CounterInterruptionKind.CardPulled, CounterInterruptionKind.PowerCut)
            .Zip(Gen.Choose(0, 24), (kind, bytes) => new CounterInterruption(kind, bytes));
        var operation = Gen.Elements(StepKind.Sell, StepKind.Correct, StepKind.Cancel);
        Prop.ForAll(cut.Zip(operation).ToArbitrary(), c => Play(c.Item1, c.Item2)).QuickCheckThrowOnFailure(40);
    }

    private static void Play(CounterInterruption cut, StepKind operation)
    {
        List<ScenarioStep> steps = [Step(StepKind.OpenAccount) with { Purchase = Ten }, Step(StepKind.Swipe)];
        if (operation != StepKind.Sell)
        {
            steps.Add(Step(StepKind.Sell) with { Purchase = Ten });
        }

        steps.Add(Step(operation) with { Purchase = operation == StepKind.Cancel ? null : PurchaseRequest.ForEnergy(Energy.FromKilowattHours(20)), Interrupt = cut });
        steps.AddRange([Step(StepKind.Recover), Step(StepKind.Swipe)]);
        var numbered = steps.Select((s, i) => s with { Number = i + 1 }).ToList();
        var scenario = new Scenario { Name = "cut", Source = "generated", Model = MeterModels.ReferenceEnergy, Start = ScenarioParser.DefaultStart, Site = new SiteSetup(), Steps = numbered };
        var what = $"{operation} with {cut}";
        var result = ScenarioRunner.RunAsync(scenario, new VirtualTarget(), probe => CheckAsync(probe, numbered.Count, what), CancellationToken.None).GetAwaiter().GetResult();
        result.Problem.ShouldBeNull(what);
    }

    private static ScenarioStep Step(StepKind kind) => new() { Number = 0, Kind = kind };

    private static async Task CheckAsync(LabProbe probe, int last, string what)
    {
        var step = probe.Step.Step;
        if (step.Kind == StepKind.Recover)
        {
            probe.Site.Office.Recovery.Pending().ShouldBeEmpty(what);
            probe.Site.Layout.Decode(probe.Site.Layout.ImageOn(probe.CardAfter), probe.Site.Keys).Success.ShouldBeTrue($"the card is whole after recovery: {what}");
        }

        if (step.Number != last)
        {
            return;
        }

        probe.Step.MeterResult.ShouldBeOneOf([MeterResult.Loaded, MeterResult.AlreadyLoaded], what);
        var receipts = probe.Site.Office.Queries.Purchases(probe.Site.Admin, new QueryFilter()).Value.Where(r => r.Status == SaleStatus.Committed);
        var meter = await probe.Target.ReadAsync(probe.Meter, CancellationToken.None);
        meter.CumulativeLoaded.Hundredths.ShouldBe(receipts.Sum(r => r.Credit.Hundredths), what);
    }
}
