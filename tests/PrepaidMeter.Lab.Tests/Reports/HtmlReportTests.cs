using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Lab.Tests.Reports;

/// <summary>A run's HTML report as text (what the web console serves) is the page `lab run --report` writes.</summary>
public sealed class HtmlReportTests
{
    [Fact]
    public async Task Html_OfARun_IsThePageWriteLeavesInTheFolder()
    {
        using var folder = new Testing.TempFolder();
        var results = await ScenarioBatch.PlayAsync([ScenarioLibrary.All.Single(s => s.Name == "foreign-group-card")], () => new VirtualTarget());
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

        var page = HtmlReport.Write(folder.Path, "run", results, at);

        HtmlReport.Html("run", results, at).ShouldBe(await File.ReadAllTextAsync(page));
    }
}
