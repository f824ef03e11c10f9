using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

using static PrepaidMeter.Lab.Tests.Running.InlineScenarios;

namespace PrepaidMeter.Lab.Tests.Running;

/// <summary>
/// A card write cut short at the counter through a slot the target lends (as `stack` lends a vpcd slot): the card's own
/// tear-write-after fault cuts it, and the scenario ends as when the counter's in-memory reader tears it.
/// </summary>
public sealed class CounterSlotTests
{
    [Fact]
    public async Task CardWriteCutAtCounter_ThroughALentSlot_EndsAsWithTheInMemoryTear()
    {
        var scenario = ScenarioLibrary.All.Single(s => s.Name == "card-write-cut-at-counter");
        await using var plain = new VirtualTarget();
        await using var lending = new LendingTarget();

        var inMemory = await ScenarioRunner.RunAsync(scenario, plain);
        var throughSlot = await ScenarioRunner.RunAsync(scenario, lending);

        throughSlot.Passed.ShouldBeTrue(Failures(throughSlot));
        // The same story, step by step; only a real reader cannot know how many bytes of a write that got no answer landed.
        throughSlot.Steps.Select(s => s.Summary).Where((_, i) => i != 2).ShouldBe(inMemory.Steps.Select(s => s.Summary).Where((_, i) => i != 2));
        throughSlot.Steps[2].Summary.ShouldContain("refused (CardWriteFailed): the card write failed (TornWrite: the card gave no answer to the write");
        lending.Lent.ShouldBe([10, 3], "the pulled card's and the power cut's marks, each one lending of the slot");
        lending.Outstanding.ShouldBe(0, "every lent card was taken out again");
    }

    [Fact]
    public async Task Sale_WithoutAnInterruption_NeverBorrowsTheSlot()
    {
        await using var lending = new LendingTarget();
        var scenario = ScenarioParser.Parse("""{ "name": "t", "model": "pm-ref-energy", "steps": [ { "do": "openAccount", "energy": "50" }, { "do": "swipe" }, { "do": "sell", "energy": "5" } ] }""", "t.json").GetScenarioOrThrow();

        var result = await ScenarioRunner.RunAsync(scenario, lending);

        result.Passed.ShouldBeTrue(Failures(result));
        lending.Lent.ShouldBeEmpty();
    }

    /// <summary>The virtual target, lending the counter an in-process reader whose card plays the faults as the virtual card behind vpcd does.</summary>
    private sealed class LendingTarget : ILabTarget, ICounterSlot
    {
        private readonly VirtualTarget _inner = new();

        public List<int> Lent { get; } = [];

        public int Outstanding { get; private set; }

        public string Name => _inner.Name;

        public ICounterSlot? CounterSlot => this;

        public MeterFacts Observes => _inner.Observes;

        public TimeSpan LongestStep => _inner.LongestStep;

        public Task<ICounterCard> InsertAsync(MemoryCard card, CardFaults faults, CancellationToken cancellationToken)
        {
            Lent.Add(faults.TearWriteAfter ?? -1);
            Outstanding++;
            return Task.FromResult<ICounterCard>(new Lending(new MediumCardReader(VirtualCard.MediumOf(card), faults), () => Outstanding--));
        }

        public Task InstallAsync(MeterModel model, MeterNumber number, SupplyGroupCode group, SupplyGroupKeys keys, DateTimeOffset now, CancellationToken cancellationToken) =>
            _inner.InstallAsync(model, number, group, keys, now, cancellationToken);

        public Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, PowerCut cut, CancellationToken cancellationToken) =>
            _inner.InsertCardAsync(meter, card, cut, cancellationToken);

        public Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, CardFaults faults, CancellationToken cancellationToken) =>
            _inner.InsertCardAsync(meter, card, faults, cancellationToken);

        public Task<TimePassed> AdvanceAsync(MeterNumber meter, TimeSteps steps, LoadProfile load, CancellationToken cancellationToken) =>
            _inner.AdvanceAsync(meter, steps, load, cancellationToken);

        public Task<TimePassed> FlowAsync(MeterNumber meter, TimeSteps steps, FlowProfile flow, CancellationToken cancellationToken) =>
            _inner.FlowAsync(meter, steps, flow, cancellationToken);

        public Task<IReadOnlyList<MeterEvent>> ActAsync(MeterNumber meter, PartAct act, CancellationToken cancellationToken) =>
            _inner.ActAsync(meter, act, cancellationToken);

        public Task CutPowerAsync(MeterNumber meter, CancellationToken cancellationToken) => _inner.CutPowerAsync(meter, cancellationToken);

        public Task RestorePowerAsync(MeterNumber meter, CancellationToken cancellationToken) => _inner.RestorePowerAsync(meter, cancellationToken);

        public Task<bool> RemoteAsync(MeterNumber meter, RemoteCommand command, CancellationToken cancellationToken) => _inner.RemoteAsync(meter, command, cancellationToken);

        public Task<MeterSnapshot> ReadAsync(MeterNumber meter, CancellationToken cancellationToken) => _inner.ReadAsync(meter, cancellationToken);

        public Task<IReadOnlyList<Meter.Tokens.TokenOutcome>> KeypadAsync(MeterNumber meter, string keys, CancellationToken cancellationToken) =>
            _inner.KeypadAsync(meter, keys, cancellationToken);

        public ValueTask DisposeAsync() => _inner.DisposeAsync();

        private sealed class Lending(MediumCardReader reader, Action returned) : ICounterCard
        {
            public ICardReader Reader => reader;

            public ValueTask DisposeAsync()
            {
                returned();
                return ValueTask.CompletedTask;
            }
        }
    }
}
