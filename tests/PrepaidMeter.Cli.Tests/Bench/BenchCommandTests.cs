using PrepaidMeter.Cli.Commands.Lab;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Bench;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task LabRun_BenchWithoutReaderOrPort_ExitsWithUsageAndSaysWhatIsMissing()
    {
        var (exit, _, error) = await Prepaid.RunAsync("lab", "run", "card-not-swiped", "--target", "bench");

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("the bench target needs --bench-reader (the counter's PC/SC reader) and --bench-serial (the meter's port)");
    }

    [Fact]
    public async Task LabRun_BenchSerialPortMissing_ExitsEnvironmentNamingThePort()
    {
        var (exit, _, error) = await Prepaid.RunAsync("lab", "run", "card-not-swiped", "--target", "bench",
            "--bench-reader", "Virtual PCD 00 00", "--bench-serial", "/dev/no-such-meter-port");

        exit.ShouldBe(ExitCodes.Environment);
        error.ShouldContain("the bench target failed: the meter's serial port:");
        error.ShouldContain("/dev/no-such-meter-port");
    }

    [Fact]
    public async Task Certify_BenchPasswordNotHex_ExitsWithUsage()
    {
        using var folder = new TempFolder();

        var (exit, _, error) = await Prepaid.RunAsync("certify", "--model", "pm-ref-energy", "--out", folder.File("out"), "--target", "bench",
            "--bench-reader", "r", "--bench-serial", "/dev/null", "--bench-password", "zz");

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("--bench-password 'zz' is not 8 hex digits");
    }

    [Theory]
    [InlineData("--bench-baud", "12345", "--bench-baud: '12345' is not a meter's rate")]
    [InlineData("--bench-parity", "mark", "mark")]
    public async Task LabRun_BenchLinkSettingsNoMeterHas_ExitsWithUsage(string option, string value, string why)
    {
        var (exit, _, error) = await Prepaid.RunAsync("lab", "run", "card-not-swiped", "--target", "bench",
            "--bench-reader", "r", "--bench-serial", "/dev/null", option, value);

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain(why);
    }

    [Fact]
    public async Task LabRun_BenchMaxStepNotADuration_ExitsWithUsage()
    {
        var (exit, _, error) = await Prepaid.RunAsync("lab", "run", "card-not-swiped", "--target", "bench",
            "--bench-reader", "r", "--bench-serial", "/dev/null", "--bench-max-step", "soon");

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("--bench-max-step: 'soon' is not a duration");
    }

    [Fact]
    public async Task ConsoleOperator_InputEnds_StopsTheRunSayingSomeoneMustBeThere()
    {
        using var output = new StringWriter();
        var person = new ConsoleBenchOperator(new StringReader(""), output);

        var failure = await Should.ThrowAsync<LabTargetException>(() => person.DoAsync(new SwitchSupply(MeterNumber.From(7), On: false), CancellationToken.None));

        failure.Message.ShouldContain("needs someone at the keyboard");
        output.ToString().ShouldContain("Switch meter 000000000007's supply off; press Enter when done");
    }

    [Fact]
    public async Task ConsoleOperator_ReadsTheDisplayByNumberOrName_AsksAgainOnNonsense()
    {
        using var output = new StringWriter();
        var person = new ConsoleBenchOperator(new StringReader("99\nwrongGroup\n1\n"), output);
        MeterResult[] choices = [MeterResult.Loaded, MeterResult.WrongGroup];

        var first = await person.ReadResultAsync(MeterNumber.From(7), choices, CancellationToken.None);
        var second = await person.ReadResultAsync(MeterNumber.From(7), choices, CancellationToken.None);

        first.ShouldBe(MeterResult.WrongGroup);
        second.ShouldBe(MeterResult.Loaded);
        output.ToString().ShouldContain("'99' is none of them");
    }

    [Fact]
    public async Task ConsoleOperator_CardMovesTheBenchWatches_NeedNoEnter()
    {
        using var output = new StringWriter();
        var person = new ConsoleBenchOperator(new StringReader(""), output);

        await person.DoAsync(new CarryCardToMeter(MeterNumber.From(7), "ACS ACR38U 00 00"), CancellationToken.None);

        output.ToString().ShouldContain("Take the card from 'ACS ACR38U 00 00' to meter 000000000007");
        output.ToString().ShouldNotContain("press Enter");
    }
}
