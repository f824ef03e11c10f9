using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tokens;

namespace PrepaidMeter.Lab.Tests.Certification;

/// <summary>Certification of the token models: a clause for each rule TK1–TK16, the card clauses said to be left out of a keypad-only model.</summary>
public sealed class TokenCertificationTests
{
    private static readonly string[] TokenRules = [.. Enumerable.Range(1, 16).Select(n => $"TK{n}")];

    [Theory]
    [InlineData("pm-sts-energy")]
    [InlineData("pm-dual-energy")]
    public async Task Certify_TokenModel_EveryTokenRuleHasAClause_AndEveryClausePasses(string id)
    {
        var result = await Certifier.RunAsync(MeterModels.Get(id), () => new VirtualTarget(), TimeProvider.System);

        result.Passed.ShouldBeTrue(string.Join(Environment.NewLine, result.Clauses.SelectMany(c => JUnitReport.Failures(c.Result))));
        result.Clauses.SelectMany(c => RuleBook.Ids(c.Clause.Rule)).Where(r => r.StartsWith("TK", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(TokenRules.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Suite_KeypadOnlyModel_HasNoCardClause_AndSaysWhyTheyAreLeftOut()
    {
        var model = MeterModels.Get("pm-sts-energy");

        CertificationSuite.For(model).SelectMany(c => RuleBook.Ids(c.Rule)).ShouldAllBe(id => id.StartsWith("TK", StringComparison.Ordinal));
        var left = CertificationSuite.LeftOut(model);
        left.Select(l => l.Rule).ShouldContain("L3, U1, U6");
        left.Single(l => l.Rule == "C1").Why.ShouldContain("no card reader");
    }

    [Fact]
    public void Suite_DualModel_KeepsTheCardClauses_AndAddsTheTokenOnes()
    {
        var rules = CertificationSuite.For(MeterModels.Get("pm-dual-energy")).Select(c => c.Rule).ToHashSet();

        rules.IsSupersetOf(["L3, U1, U6", "C1", "TK5", "TK16"]).ShouldBeTrue();
        CertificationSuite.LeftOut(MeterModels.Get("pm-dual-energy")).ShouldBeEmpty();
    }

    [Fact]
    public void RuleBook_TokenRules_QuoteTheirTitleAndText()
    {
        RuleBook.Text("TK5")!.ShouldStartWith("TID memory. The meter keeps the TIDs");
        RuleBook.Text("TK16")!.ShouldStartWith("Cards on a token meter.");
    }

    [Fact]
    public async Task Certify_MeterWhoseKeypadDropsADigit_FailsTheClausesThatLoadCredit()
    {
        var result = await Certifier.RunAsync(MeterModels.Get("pm-sts-energy"), () => new DroppingKeypad(), TimeProvider.System);

        var failed = result.Clauses.Where(c => !c.Result.Passed).Select(c => c.Clause.Rule).ToList();
        failed.ShouldContain("TK1");
        failed.ShouldContain("TK5");
        result.Clauses.Single(c => c.Clause.Rule == "TK16").Result.Passed.ShouldBeTrue();
    }

    /// <summary>A keypad whose key before each enter does not register: every typed token arrives one digit short.</summary>
    private sealed class DroppingKeypad : ILabTarget
    {
        private readonly VirtualTarget _inner = new();

        public string Name => "virtual";

        public MeterFacts Observes => MeterFacts.All;

        public ICounterSlot? CounterSlot => null;

        public TimeSpan LongestStep => TimeSpan.MaxValue;

        public Task InstallAsync(MeterModel model, MeterNumber number, SupplyGroupCode group, SupplyGroupKeys keys, DateTimeOffset now, CancellationToken cancellationToken) =>
            _inner.InstallAsync(model, number, group, keys, now, cancellationToken);

        public Task<IReadOnlyList<TokenOutcome>> KeypadAsync(MeterNumber meter, string keys, CancellationToken cancellationToken) =>
            _inner.KeypadAsync(meter, keys.Replace("#", "B#", StringComparison.Ordinal), cancellationToken);

        public Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, PowerCut cut, CancellationToken cancellationToken) =>
            _inner.InsertCardAsync(meter, card, cut, cancellationToken);

        public Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, CardFaults faults, CancellationToken cancellationToken) =>
            _inner.InsertCardAsync(meter, card, faults, cancellationToken);

        public Task<TimePassed> AdvanceAsync(MeterNumber meter, TimeSteps steps, LoadProfile load, CancellationToken cancellationToken) =>
            _inner.AdvanceAsync(meter, steps, load, cancellationToken);

        public Task<TimePassed> FlowAsync(MeterNumber meter, TimeSteps steps, FlowProfile flow, CancellationToken cancellationToken) =>
            _inner.FlowAsync(meter, steps, flow, cancellationToken);

        public Task<IReadOnlyList<MeterEvent>> ActAsync(MeterNumber meter, PartAct act, CancellationToken cancellationToken) => _inner.ActAsync(meter, act, cancellationToken);

        public Task CutPowerAsync(MeterNumber meter, CancellationToken cancellationToken) => _inner.CutPowerAsync(meter, cancellationToken);

        public Task RestorePowerAsync(MeterNumber meter, CancellationToken cancellationToken) => _inner.RestorePowerAsync(meter, cancellationToken);

        public Task<bool> RemoteAsync(MeterNumber meter, RemoteCommand command, CancellationToken cancellationToken) => _inner.RemoteAsync(meter, command, cancellationToken);

        public Task<MeterSnapshot> ReadAsync(MeterNumber meter, CancellationToken cancellationToken) => _inner.ReadAsync(meter, cancellationToken);

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
