using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;

namespace PrepaidMeter.Web.Console;

/// <summary>What a finished lab run produced, with the Lab's own JSON and HTML report of it (the files the CLI writes).</summary>
public abstract record LabOutcome
{
    public abstract bool Passed { get; }

    /// <summary>results.json as `lab run --json` prints it, or as `certify` writes it.</summary>
    public abstract string Json();

    /// <summary>The self-contained report page (charts embedded) the CLI writes as report.html.</summary>
    public abstract string Html(int runId, DateTimeOffset madeAt);
}

/// <summary>The results of shipped scenarios.</summary>
public sealed record ScenarioOutcome(IReadOnlyList<ScenarioResult> Results) : LabOutcome
{
    public override bool Passed => Results.All(r => r.Passed);

    public override string Json() => ResultJson.Write(Results);

    public override string Html(int runId, DateTimeOffset madeAt) =>
        HtmlReport.Html(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PrepaidMeter lab run {runId}"), Results, madeAt);
}

/// <summary>A model's certification.</summary>
public sealed record CertificationOutcome(CertificationResult Result) : LabOutcome
{
    public override bool Passed => Result.Passed;

    public override string Json() => CertificationReport.Json(Result);

    public override string Html(int runId, DateTimeOffset madeAt) => CertificationReport.Html(Result);
}
