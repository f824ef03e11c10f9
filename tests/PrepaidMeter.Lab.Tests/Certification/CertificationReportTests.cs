using System.Net;
using System.Text.Json.Nodes;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Tests.Certification;

/// <summary>report.html, junit.xml and results.json of a certification: what a vendor hands on (issue 23).</summary>
public sealed class CertificationReportTests(CertifiedReports reports) : IClassFixture<CertifiedReports>
{
    [Fact]
    public void ReportHtml_NamesTheToolVersionAndCommitAndTheHashesOfModelAndLayouts()
    {
        var html = WebUtility.HtmlDecode(reports.Mac.Html);
        var model = MeterModels.ReferenceEnergy;

        html.ShouldContain($"prepaid {ToolVersion.Current.Version}");
        html.ShouldContain(ToolVersion.Current.Commit);
        ToolVersion.Current.Commit.ShouldNotBe("unknown");
        html.ShouldContain(model.Sha256);
        model.Layouts.ShouldAllBe(l => html.Contains(l.Sha256));
    }

    [Fact]
    public void Certify_OnVirtual_DescribesTheInProcessMetersAndInMemoryReadersItUsed()
    {
        var details = reports.Mac.Result.TargetDetails;
        var html = WebUtility.HtmlDecode(reports.Mac.Html);
        var json = JsonNode.Parse(File.ReadAllText(reports.Mac.File("results.json")))!;

        details.ShouldContain(p => p.Label == "meters" && p.Value.Contains("VirtualMeter) in this process"));
        details.ShouldContain(p => p.Label == "card readers" && p.Value.StartsWith("in memory", StringComparison.Ordinal));
        details.ShouldContain(p => p.Label == $"meter {ModelFacts.SecondMeter}", "the second meter of the meter-change and wrong-meter clauses");
        details.ShouldAllBe(p => !p.RunSpecific);
        details.ShouldAllBe(p => html.Contains($"<tr><th>{p.Label}</th><td>{p.Value}</td></tr>"));
        ((string?)json["targetDetails"]!["card readers"]).ShouldBe(details.Single(p => p.Label == "card readers").Value);
    }

    [Fact]
    public void ResultsJson_RunSpecificTargetParts_AreKeptUnderRunWithTheTimeFields()
    {
        var result = reports.Mac.Result with
        {
            TargetDetails = [new("slot 1 card reader", "Virtual PCD 00 01 (vpcd slot 1)"), new("slot 1 serial pair", "meter's end /tmp/x/ttyMeter → /dev/pts/7", RunSpecific: true)],
        };

        var json = JsonNode.Parse(CertificationReport.Json(result))!;

        json["targetDetails"]!.AsObject().Select(p => p.Key).ShouldBe(["slot 1 card reader"]);
        ((string?)json[CertificationReport.RunField]!["targetDetails"]!["slot 1 serial pair"]).ShouldBe("meter's end /tmp/x/ttyMeter → /dev/pts/7");
        WebUtility.HtmlDecode(string.Join("\n", CertificationPage.Provenance(result).Select(p => p.Value))).ShouldContain("/dev/pts/7");
    }

    [Fact]
    public void ToolVersion_InformationalVersionWithCommit_SplitsVersionAndCommit()
    {
        ToolVersion.Parse("1.2.0+4943081a").ShouldBe(new ToolVersion("1.2.0", "4943081a"));
        ToolVersion.Parse("1.2.0").ShouldBe(new ToolVersion("1.2.0", "unknown"));
    }

    [Theory]
    [InlineData("preset credit")]
    [InlineData("emergency credit")]
    [InlineData("overdraft")]
    [InlineData("alarm 2 trips the relay")]
    [InlineData("default alarm 1")]
    [InlineData("default purchase limit")]
    [InlineData("power-limit rule")]
    [InlineData("malignant-load rule")]
    [InlineData("scheduled trips (UTC)")]
    [InlineData("friendly periods (UTC)")]
    [InlineData("tariff")]
    public void ReportHtml_ListsEveryParameterOfTheModel(string parameter) =>
        reports.NoMac.Html.ShouldContain($"<tr><th>{WebUtility.HtmlEncode(parameter)}</th>");

    [Fact]
    public void ModelSheet_MoneyModel_SummarisesItsTariff() =>
        ModelSheet.Rows(MeterModels.LegacyMoney).Single(r => r.Parameter == "tariff").Value.ShouldNotStartWith("none");

    [Fact]
    public void RuleBook_EveryRuleTheSuiteNamesForAnyShippedModel_HasItsTextFromTheRulesDocument()
    {
        var named = MeterModels.All.SelectMany(CertificationSuite.For).SelectMany(c => RuleBook.Ids(c.Rule)).Distinct().ToList();

        named.ShouldNotBeEmpty();
        named.Where(id => string.IsNullOrWhiteSpace(RuleBook.Text(id))).ShouldBeEmpty();
        RuleBook.Text("U4")!.ShouldStartWith("c ≥ m + 2: refused as illegal");
        RuleBook.Text("V5")!.ShouldStartWith("A seized valve's motor runs the travel time");
        RuleBook.Text("tamper T1")!.ShouldStartWith("A magnet at the flow sensor latches the magnet flag");
        RuleBook.Text("T1")!.ShouldStartWith("Check card");
        RuleBook.Text("B3")!.ShouldStartWith("At or under the critical level");
    }

    [Fact]
    public void ModelSheet_WaterModel_GivesTheValvesTimingAndTheBatterysThresholds()
    {
        var rows = ModelSheet.Rows(MeterModels.ReferenceWater).ToDictionary(r => r.Parameter, r => r.Value);

        rows["valve travel"].ShouldBe("10 s");
        rows["valve retries"].ShouldBe("3, 60 s apart; stuck after 4 tries (at most 290 s)");
        rows["battery"].ShouldContain("low at 3200 mV; critical at 3000 mV (the valve closes)");
        rows["leak rule"].ShouldBe("5 L/h or more without a break for 24 h");
    }

    [Fact]
    public void ReportHtml_EachClause_IsFoldedWithTheTextOfItsRules()
    {
        var html = WebUtility.HtmlDecode(reports.Mac.Html);

        html.Split("<details id=").Length.ShouldBe(reports.Mac.Result.Clauses.Count + 1);
        html.ShouldContain($"<b>U4</b> {RuleBook.Text("U4")}");
        html.ShouldContain($"<b>A2</b> {RuleBook.Text("A2")}");
    }

    [Fact]
    public void ReportHtml_FirstSwipe_ShowsTheCardFieldsItChangedAndTheMeterAfter()
    {
        var swipe = reports.Mac.Result.Clauses.Single(c => c.Clause.Rule == "L3, U1, U6").Result.Steps.Single(s => s.Step.Kind == StepKind.Swipe);
        var html = WebUtility.HtmlDecode(reports.Mac.Html);

        swipe.Card.ShouldNotBeNull();
        swipe.Card.Changes.ShouldContain(c => c.Field == "returnWrite.loadedCount" && c.After == "1");
        html.ShouldContain(swipe.Card.Changes[0].ToString());
        html.ShouldContain(swipe.Card.BeforeHex);
        swipe.Registers.ShouldContain(r => r.Name == "purchaseCount" && r.Value == "1");
        swipe.Events.ShouldContain(e => e.Contains("cardInserted"));
    }

    [Fact]
    public void ReportHtml_CheckCard_ShowsTheRegistersTheMeterWroteOntoIt()
    {
        var check = reports.Mac.Result.Clauses.Single(c => c.Clause.Rule == "T1").Result.Steps.Single(s => s.Step.Kind == StepKind.ToolCard);

        check.Card.ShouldNotBeNull();
        check.Card.Changes.ShouldContain(c => c.Field.StartsWith("returnWrite.", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportHtml_MeterChange_ShowsItsCardsBeforeAndAfterAndTheOldMetersRegisters()
    {
        var change = reports.Mac.Result.Clauses.Single(c => c.Clause.Rule == "T3").Result.Steps.Single(s => s.Step.Kind == StepKind.ChangeMeter);
        var html = WebUtility.HtmlDecode(reports.Mac.Html);

        change.Cards.Select(c => c.Card).ShouldBe(["meter-change card", $"set card for meter {ModelFacts.SecondMeter}", "user card"]);
        change.Cards[0].Before.ShouldStartWith("meterChange card");
        change.Cards[0].Changes.ShouldContain(c => c.Field == "returnWrite.remaining" && c.Before == "(absent)");
        change.Cards[2].Changes.ShouldContain(c => c.Field == "meterNumber" && c.After == ModelFacts.SecondMeter.ToString());
        change.Registers.ShouldContain(r => r.Name == "meter" && r.Value == ModelFacts.SecondMeter.ToString());
        change.OtherMeter.ShouldContain(r => r.Name == "transferredOut" && r.Value != change.Registers.Single(n => n.Name == "transferredOut").Value);
        html.ShouldContain("<b>meter-change card</b>");
        html.ShouldContain(change.Cards[0].AfterHex);
        html.ShouldContain(change.Cards[2].Changes[0].ToString());
    }

    [Fact]
    public void ResultsJson_EachStep_CarriesItsEvidenceWithImagesAsHexAndTheChangedFieldsNamed()
    {
        var json = JsonNode.Parse(File.ReadAllText(reports.Mac.File("results.json")))!;
        JsonNode Step(string rule, string kind) => json["clauses"]!.AsArray().Single(c => (string?)c!["rule"] == rule)!["steps"]!.AsArray().First(s => (string?)s!["do"] == kind)!;
        var expected = reports.Mac.Result.Clauses.Single(c => c.Clause.Rule == "T3").Result.Steps.Single(s => s.Step.Kind == StepKind.ChangeMeter);

        var swipe = Step("L3, U1, U6", "swipe")["evidence"]!;
        var change = Step("T3", "changeMeter")["evidence"]!;

        swipe["cards"]!.AsArray().Single()!["changes"]!.AsArray().ShouldContain(c => (string?)c!["field"] == "returnWrite.loadedCount" && (string?)c["after"] == "1");
        ((string?)swipe["registers"]!["purchaseCount"]).ShouldBe("1");
        swipe["otherMeter"].ShouldBeNull();
        swipe["events"]!.AsArray().ShouldContain(e => ((string?)e)!.Contains("cardInserted"));
        var cards = change["cards"]!.AsArray();
        cards.Select(c => (string?)c!["card"]).ShouldBe(expected.Cards.Select(c => c.Card));
        cards.Select(c => (string?)c!["beforeHex"]).ShouldBe(expected.Cards.Select(c => c.BeforeHex));
        ((string?)cards[0]!["afterHex"])!.ShouldMatch("^([0-9A-F]{2})+$");
        ((string?)change["otherMeter"]!["meter"]).ShouldBe(expected.OtherMeter.Single(r => r.Name == "meter").Value);
    }

    [Fact]
    public void Certify_LayoutWithoutMac_ReportsTheCardProtocolForgeableAndTheEditedAmountLoaded()
    {
        var result = reports.NoMac.Result;
        var forgery = result.Clauses.Single(c => c.Clause.Forgery).Result;
        var swipe = forgery.Steps[^1];

        result.CardProtocol.Forgeable.ShouldBeTrue();
        result.CardProtocol.Headline.ShouldStartWith("card protocol: FORGEABLE");
        forgery.Passed.ShouldBeTrue(string.Join("; ", JUnitReport.Failures(forgery)));
        swipe.MeterResult.ShouldBe(MeterResult.Loaded);
        var forgedStep = forgery.Steps.Single(s => s.Step.Kind == StepKind.ForgeCard);
        forgedStep.Card!.Changes.ShouldContain(c => c.Field.StartsWith("purchase", StringComparison.Ordinal));
        reports.NoMac.Html.ShouldContain("card protocol: FORGEABLE");
    }

    [Fact]
    public void Certify_MacLayout_RefusesTheForgedCardAndSaysSo()
    {
        var result = reports.Mac.Result;
        var forgery = result.Clauses.Single(c => c.Clause.Forgery).Result;

        result.CardProtocol.Forgeable.ShouldBeFalse();
        forgery.Passed.ShouldBeTrue(string.Join("; ", JUnitReport.Failures(forgery)));
        forgery.Steps[^1].MeterResult.ShouldBe(MeterResult.BadCard);
        reports.Mac.Html.ShouldContain("card protocol: forged card refused");
    }

    [Fact]
    public void JUnitXml_IsWrittenWithoutAByteOrderMark()
    {
        var bytes = File.ReadAllBytes(reports.Mac.File("junit.xml"));

        bytes[..3].ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF });
        System.Text.Encoding.UTF8.GetString(bytes).ShouldStartWith("<?xml");
    }

    [Fact]
    public void ResultsJson_EnumValues_AreCamelCaseAsInTheScenarioFiles()
    {
        var json = JsonNode.Parse(File.ReadAllText(reports.Mac.File("results.json")))!;
        var steps = json["clauses"]!.AsArray().SelectMany(c => c!["steps"]!.AsArray()).ToList();

        steps.Select(s => (string?)s!["meterResult"]).ShouldContain("loaded");
        steps.Select(s => (string?)s!["meter"]!["creditState"]).ShouldContain("normal");
        steps.Select(s => (string?)s!["meter"]!["relay"]).ShouldContain("open (creditExhausted)");
    }

    [Fact]
    public async Task ResultsJson_SameModelCertifiedTwice_IsTheSameByteForByteApartFromTheRunField()
    {
        using var folder = new PrepaidMeter.Testing.TempFolder();
        var again = await CertifiedReports.Written.CertifyAsync(MeterModels.ReferenceEnergy, folder.Path);

        Stripped(again.File("results.json")).ShouldBe(Stripped(reports.Mac.File("results.json")));
    }

    [Fact]
    public void CreditChart_OneLargePurchase_TopStaysNearTheStoryAndKeepsTheAlarmLevels()
    {
        double[] run = [.. Enumerable.Range(0, 100).Select(i => 60.0 - (i * 0.5)), 10_000.0];

        var (bottom, top) = CreditChart.YRange(run, alarm1: 20);

        top.ShouldBeLessThan(200);
        top.ShouldBeGreaterThan(60);
        bottom.ShouldBeLessThanOrEqualTo(0);
    }

    [Fact]
    public void CreditChart_OrdinaryPurchaseAboveTheRunDown_IsShownWhole()
    {
        double[] run = [0, 80, .. Enumerable.Repeat(10.0, 100)];

        CreditChart.YRange(run, alarm1: 30).Top.ShouldBeGreaterThanOrEqualTo(80);
    }

    [Fact]
    public void CreditChart_LongTitle_IsWrappedWholeOntoLinesThatFit()
    {
        var title = string.Join(" ", Enumerable.Repeat("Falling credit warns at alarm 1 and trips once", 4));

        var lines = CreditChart.TitleLines(title, CreditChart.TitleChars);

        lines.Count.ShouldBeGreaterThan(1);
        lines.ShouldAllBe(l => l.Length <= CreditChart.TitleChars);
        string.Join(" ", lines).ShouldBe(title);
    }

    /// <summary>results.json without its run field: what must not change between two runs.</summary>
    private static string Stripped(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json.Remove(CertificationReport.RunField).ShouldBeTrue();
        return json.ToJsonString();
    }
}
