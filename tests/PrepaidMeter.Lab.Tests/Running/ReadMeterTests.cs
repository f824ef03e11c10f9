using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;

using static PrepaidMeter.Lab.Tests.Running.InlineScenarios;

namespace PrepaidMeter.Lab.Tests.Running;

/// <summary>Reading a meter after it was replaced: what the removed meter still holds, and the final reading the books recorded.</summary>
public sealed class ReadMeterTests
{
    private const string Replaced = """
        { "do": "openAccount", "energy": "50" },
        { "do": "swipe" },
        { "do": "consume", "load": "2kW", "powerFactor": "1.00", "for": "1h" },
        { "do": "changeMeter", "to": "12345679" },
        """;

    [Fact]
    public async Task ReadMeter_TheReplacedMeter_ShowsItsRegistersAndTheBooksFinalReading()
    {
        var result = await Run(Replaced + """
            { "do": "readMeter", "meter": "12345678", "expect": {
                "remaining": "0.00", "cumulativeEnergy": "2.00", "purchaseCount": 1, "lifeCycle": "bound",
                "recordedLoadedCount": 1, "recordedRemaining": "58.00", "recordedCumulativeEnergy": "2.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[4].Meter.Meter.ShouldBe("000012345678");
        result.Steps[4].Summary.ShouldStartWith("meter 000012345678 (removed in the books) read: purchase 1 loaded, 0.00 kWh left, 2.00 kWh used in all; the books' last reading of it (returnWrite");
    }

    [Fact]
    public async Task ReadMeter_WithoutAMeter_ReadsTheAccountsNewMeter()
    {
        var result = await Run(Replaced + """
            { "do": "readMeter", "expect": { "cumulativeEnergy": "0.00", "purchaseCount": 0 } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[4].Summary.ShouldContain("(installed in the books)");
        result.Steps[4].Summary.ShouldEndWith("the books hold no reading of it");
    }

    [Fact]
    public async Task ReadMeter_TheOldMeterLater_StillHoldsWhatItHadWhileTheNewOneRuns()
    {
        var result = await Run(Replaced + """
            { "do": "swipe" },
            { "do": "consume", "load": "1kW", "powerFactor": "1.00", "for": "2h", "expect": { "cumulativeEnergy": "2.00" } },
            { "do": "readMeter", "meter": "12345678", "expect": { "cumulativeEnergy": "2.00", "remaining": "0.00", "recordedRemaining": "58.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task RecordedExpectation_OnAMeterTheBooksNeverRead_FailsSayingSo()
    {
        var result = await Run("""{ "do": "openAccount", "energy": "50" }, { "do": "readMeter", "expect": { "recordedRemaining": "60.00" } }""");

        result.Failures.ShouldHaveSingleItem().Checks.ShouldHaveSingleItem().ToString().ShouldBe("recordedRemaining: expected 60.00, got no reading of meter 000012345678");
    }
}
