using PrepaidMeter.Cli.Commands.Lab;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tokens;
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
    public async Task ConsoleOperator_TokenDisplayByNumberOrWords_AsksAgainOnNonsenseOrAnEmptyLine()
    {
        using var output = new StringWriter();
        var person = new ConsoleBenchOperator(new StringReader("key expired please\n\nkey exp\n4\nblank\n"), output);

        var first = await person.ReadDisplayAsync(MeterNumber.From(7), TokenDisplay.All, CancellationToken.None);
        var second = await person.ReadDisplayAsync(MeterNumber.From(7), TokenDisplay.All, CancellationToken.None);
        var third = await person.ReadDisplayAsync(MeterNumber.From(7), TokenDisplay.All, CancellationToken.None);

        (first.Response, first.Display).ShouldBe((TokenResponse.KeyExpired, "Key Exp"));
        (second.Response, second.Display).ShouldBe((TokenResponse.KeyChangePending, "PLS 3rd"));
        (third.Response, third.Display).ShouldBe((TokenResponse.PowerOff, ""));
        output.ToString().ShouldContain("What does meter 000000000007's display show after Enter? 1 Accept  2 PLS 1st  3 PLS 2nd  4 PLS 3rd  5 PLS 4th  6 Test  7 Reject  8 Used  9 Old  10 Key Exp  11 Overflow  12 Type Err  13 Mfr Err  14 Locked  15 (blank)");
        output.ToString().ShouldContain("'key expired please' is none of them");
        output.ToString().ShouldContain("'' is none of them");
    }

    [Fact]
    public async Task ConsoleOperator_NoDisplayReadInFiveTries_StopsTheRunSayingSo()
    {
        using var output = new StringWriter();
        var person = new ConsoleBenchOperator(new StringReader("x\nx\nx\nx\nx\n1\n"), output);

        var failure = await Should.ThrowAsync<LabTargetException>(() => person.ReadDisplayAsync(MeterNumber.From(7), TokenDisplay.All, CancellationToken.None));

        failure.Message.ShouldBe("no display read off meter 000000000007 after 5 tries");
    }

    [Fact]
    public async Task ConsoleOperator_TypeKeys_PrintsTheTokenInFoursAndWaitsForNoEnter()
    {
        using var output = new StringWriter();
        var person = new ConsoleBenchOperator(new StringReader(""), output);

        await person.DoAsync(new TypeKeys(MeterNumber.From(7), "12345678901234567890#"), CancellationToken.None);

        output.ToString().ShouldContain("At meter 000000000007's keypad type the token 1234 5678 9012 3456 7890 and press Enter");
        output.ToString().ShouldNotContain("press Enter when done");
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
