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

namespace PrepaidMeter.Lab.Tests.Certification;

public sealed class CertificationSuiteTests
{
    public static TheoryData<string> Models() => [.. MeterModels.All.Select(m => m.Id)];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Certify_ShippedModelOnTheReferenceMeter_EveryClausePasses(string id)
    {
        var result = await Certifier.RunAsync(MeterModels.Get(id), () => new VirtualTarget(), TimeProvider.System);

        result.Passed.ShouldBeTrue(string.Join(Environment.NewLine, result.Clauses.SelectMany(c => JUnitReport.Failures(c.Result))));
        result.Clauses.ShouldAllBe(c => c.Result.Steps.Sum(s => s.Checks.Count) > 0);
    }

    [Fact]
    public async Task Certify_ModelWhoseAlarm2OnlyWarns_EveryClausePassesOnTheReferenceMeter()
    {
        var model = MeterModels.ReferenceEnergy with { Alarm2Trips = false };

        var result = await Certifier.RunAsync(model, () => new VirtualTarget(), TimeProvider.System);

        result.Passed.ShouldBeTrue(string.Join(Environment.NewLine, result.Clauses.SelectMany(c => JUnitReport.Failures(c.Result))));
        result.Clauses.Select(c => c.Clause.Rule).ShouldContain("A1, A2");
        result.Clauses.Select(c => c.Clause.Rule).ShouldNotContain("A1, A2, U7");
    }

    [Fact]
    public void Suite_HasClausesOnlyForTheProtectionsTheModelDeclares()
    {
        static HashSet<string> Rules(string model) => [.. CertificationSuite.For(MeterModels.Get(model)).Select(c => c.Rule)];

        Rules("pm-ref-full").IsSupersetOf(["P1, P2, P3", "P4", "S1", "E1, E2", "A1, A2, U7", "A3", "N2", "T3", "U4", "C2"]).ShouldBeTrue();
        Rules("pm-ref-energy").ShouldNotContain("P4");
        Rules("pm-ref-energy").ShouldNotContain("S1");
        Rules("legacy-money").ShouldNotContain("E1, E2"); // no emergency credit in that model
    }

    [Fact]
    public async Task Certify_MeterThatLeavesTheCardUnwritten_FailsTheClausesThatReadTheReturnWrite()
    {
        var result = await Certifier.RunAsync(MeterModels.ReferenceEnergy, () => new FaultyTarget(Fault.NoReturnWrite), TimeProvider.System);

        result.Passed.ShouldBeFalse();
        var failed = result.Clauses.Where(c => !c.Result.Passed).Select(c => c.Clause.Rule).ToList();
        failed.ShouldContain("L3, U1, U6");
        failed.ShouldContain("T3"); // the change card never carries the credit back
        result.Clauses.Single(c => c.Clause.Rule == "L2").Result.Passed.ShouldBeTrue();
    }

    [Fact]
    public async Task Certify_MeterThatIgnoresRemoteCommands_FailsOnlyTheRemoteClauses()
    {
        var result = await Certifier.RunAsync(MeterModels.ReferenceEnergy, () => new FaultyTarget(Fault.IgnoresRemote), TimeProvider.System);

        result.Clauses.Where(c => !c.Result.Passed).Select(c => c.Clause.Rule).ShouldBe(["R1, R2, R3", "R4", "R5"], ignoreOrder: true);
    }

    [Fact]
    public async Task Report_WritesThePageJUnitAndJson_AndEachClauseWasHeardOfAsItFinished()
    {
        using var folder = new Testing.TempFolder();
        var heard = new List<(CertificationClause Clause, bool Passed)>();
        var result = await Certifier.RunAsync(MeterModels.LegacyMoney, () => new VirtualTarget(), TimeProvider.System, (clause, run) => heard.Add((clause, run.Passed)));

        var page = CertificationReport.Write(folder.Path, result);

        heard.ShouldBe(result.Clauses.Select(c => (c.Clause, c.Result.Passed)));
        (await File.ReadAllTextAsync(page)).ShouldContain("CERTIFIED: all");
        CertificationReport.Html(result).ShouldBe(await File.ReadAllTextAsync(page), "the web console serves the same page as text");
        var junit = System.Xml.Linq.XDocument.Load(folder.File("junit.xml"));
        junit.Root!.Element("testsuite")!.Attribute("tests")!.Value.ShouldBe(result.Clauses.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        junit.Root!.Element("testsuite")!.Attribute("failures")!.Value.ShouldBe("0");
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(folder.File("results.json")));
        json.RootElement.GetProperty("model").GetString().ShouldBe("legacy-money");
        json.RootElement.GetProperty("clauses")[0].GetProperty("rule").GetString().ShouldBe("L2");
        Directory.GetFiles(folder.Path, "*.png").Length.ShouldBe(result.Clauses.Count);
    }

    [Fact]
    public void Suite_WaterModel_RunsTheWaterRulesAndLeavesOutTheElectricityOnes()
    {
        var rules = CertificationSuite.For(MeterModels.ReferenceWater).Select(c => c.Rule).ToList();

        rules.ShouldContain("M1, W1");
        rules.ShouldContain("M2, V1, V2, V3");
        rules.ShouldContain("M3, V5, V6");
        rules.ShouldContain("B2, B3, M5, B4");
        rules.ShouldContain("tamper T1, tamper T3, M4");
        rules.ShouldContain("L3, U1, U6");
        var leftOut = CertificationSuite.LeftOut(MeterModels.ReferenceWater).Select(l => l.Rule).ToList();
        leftOut.ShouldContain("R1, R2, R3");
        leftOut.ShouldContain("P1, P2, P3, P4");
        rules.ShouldNotContain("T2");
        rules.ShouldNotContain("L4");
        CertificationSuite.LeftOut(MeterModels.ReferenceEnergy).ShouldBeEmpty();
    }

    [Fact]
    public async Task Certify_WaterMeterWhoseValveNeverCloses_FailsTheValveClauses()
    {
        var result = await Certifier.RunAsync(MeterModels.ReferenceWater, () => new FaultyTarget(Fault.ValveNeverMoves), TimeProvider.System);

        result.Passed.ShouldBeFalse();
        var failed = result.Clauses.Where(c => !c.Result.Passed).Select(c => c.Clause.Rule).ToList();
        failed.ShouldContain("M2, V1, V2, V3");
        failed.ShouldContain("B2, B3, M5, B4"); // the critical battery cannot close it either
        result.Clauses.Single(c => c.Clause.Rule == "M1, W1").Result.Passed.ShouldBeTrue();
        result.Clauses.Single(c => c.Clause.Rule == "L2").Result.Passed.ShouldBeTrue();
    }

    private enum Fault
    {
        NoReturnWrite,
        IgnoresRemote,

        /// <summary>A water meter whose valve is seized from installation: its motor runs, the valve never moves.</summary>
        ValveNeverMoves,
    }

    /// <summary>A meter on the bench that breaks one rule: what certification exists to catch.</summary>
    private sealed class FaultyTarget(Fault fault) : ILabTarget
    {
        private readonly VirtualTarget _inner = new();

        public string Name => "faulty";

        public ICounterSlot? CounterSlot => null;

        public MeterFacts Observes => MeterFacts.All;

        public TimeSpan LongestStep => TimeSpan.MaxValue;

        public async Task InstallAsync(MeterModel model, MeterNumber number, SupplyGroupCode group, SupplyGroupKeys keys, DateTimeOffset now, CancellationToken cancellationToken)
        {
            await _inner.InstallAsync(model, number, group, keys, now, cancellationToken);
            if (fault == Fault.ValveNeverMoves)
            {
                await _inner.ActAsync(number, PartAct.SeizeValve, cancellationToken);
            }
        }

        public async Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, PowerCut cut, CancellationToken cancellationToken)
        {
            if (fault != Fault.NoReturnWrite)
            {
                return await _inner.InsertCardAsync(meter, card, cut, cancellationToken);
            }

            // The meter applies the card to a copy and never writes anything back.
            var copy = new MemoryCard(card.Memory, card.Psc);
            return await _inner.InsertCardAsync(meter, copy, cut, cancellationToken);
        }

        public Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, CardFaults faults, CancellationToken cancellationToken) =>
            _inner.InsertCardAsync(meter, card, faults, cancellationToken);

        public Task<TimePassed> AdvanceAsync(MeterNumber meter, TimeSteps steps, LoadProfile load, CancellationToken cancellationToken) =>
            _inner.AdvanceAsync(meter, steps, load, cancellationToken);

        public Task<TimePassed> FlowAsync(MeterNumber meter, TimeSteps steps, FlowProfile flow, CancellationToken cancellationToken) =>
            _inner.FlowAsync(meter, steps, flow, cancellationToken);

        public Task<IReadOnlyList<MeterEvent>> ActAsync(MeterNumber meter, PartAct act, CancellationToken cancellationToken) =>
            fault == Fault.ValveNeverMoves && act == PartAct.FreeValve ? Task.FromResult<IReadOnlyList<MeterEvent>>([]) : _inner.ActAsync(meter, act, cancellationToken);

        public Task CutPowerAsync(MeterNumber meter, CancellationToken cancellationToken) => _inner.CutPowerAsync(meter, cancellationToken);

        public Task RestorePowerAsync(MeterNumber meter, CancellationToken cancellationToken) => _inner.RestorePowerAsync(meter, cancellationToken);

        public Task<bool> RemoteAsync(MeterNumber meter, RemoteCommand command, CancellationToken cancellationToken) =>
            fault == Fault.IgnoresRemote ? Task.FromResult(true) : _inner.RemoteAsync(meter, command, cancellationToken);

        public Task<MeterSnapshot> ReadAsync(MeterNumber meter, CancellationToken cancellationToken) => _inner.ReadAsync(meter, cancellationToken);

        public Task<IReadOnlyList<Meter.Tokens.TokenOutcome>> KeypadAsync(MeterNumber meter, string keys, CancellationToken cancellationToken) =>
            _inner.KeypadAsync(meter, keys, cancellationToken);

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
