namespace PrepaidMeter.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_RoundTripsEveryLayout_AndRefusesEveryBadCard()
    {
        var (exit, output, error) = await Prepaid.RunAsync("demo");
        error.ShouldBeEmpty();
        exit.ShouldBe(ExitCodes.Success);
        output.ShouldContain("pm-ref-v1");
        output.ShouldContain("legacy-bcd-v1");
        output.ShouldContain("MAC error");
        output.ShouldContain("TornWrite");
        output.ShouldContain("Every card round-tripped byte for byte");
    }
}
