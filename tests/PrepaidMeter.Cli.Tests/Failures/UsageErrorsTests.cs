using PrepaidMeter.Cli.Failures;

namespace PrepaidMeter.Cli.Tests.Failures;

/// <summary>A wrong command line: the mistake first on stderr, one line each, then where the help is; exit 1; stdout untouched.</summary>
public sealed class UsageErrorsTests
{
    private const string DecodeHint = "Try 'prepaid card decode --help' for more information.";

    [Fact]
    public async Task CardDecode_UnknownOptionBeforeTheFile_NamesTheOptionExit1()
    {
        var (exit, output, error) = await Prepaid.RunAsync("card", "decode", "-l", "pm-ref-v1", "--bogus", "x.hex");

        exit.ShouldBe(ExitCodes.Usage);
        output.ShouldBeEmpty();
        Lines(error).ShouldBe(["prepaid: unknown option '--bogus'", DecodeHint]);
    }

    [Fact]
    public async Task CardDecode_UnknownOptionInTheFilesPlace_IsAnUnknownOptionNotAMissingFile()
    {
        var (exit, _, error) = await Prepaid.RunAsync("card", "decode", "-l", "legacy-bcd-v1", "--bogus");

        exit.ShouldBe(ExitCodes.Usage);
        Lines(error).ShouldBe(["prepaid: unknown option '--bogus'", DecodeHint]);
    }

    [Fact]
    public async Task CardDecode_UnknownShortOptionWithoutLayout_NamesTheOptionFirst()
    {
        var (exit, _, error) = await Prepaid.RunAsync("card", "decode", "-x", "x.hex");

        exit.ShouldBe(ExitCodes.Usage);
        Lines(error)[0].ShouldBe("prepaid: unknown option '-x'");
    }

    [Fact]
    public async Task CardDecode_DashedNameAfterDoubleDash_IsAFileName()
    {
        var (exit, _, error) = await Prepaid.RunAsync("card", "decode", "-l", "legacy-bcd-v1", "--", "--bogus");

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldStartWith("prepaid: cannot read --bogus: no such file");
    }

    [Fact]
    public async Task CardDecode_MissingLayout_SaysWhatIsMissingThenTheHintNoHelpOnStdout()
    {
        var (exit, output, error) = await Prepaid.RunAsync("card", "decode", "x.hex");

        exit.ShouldBe(ExitCodes.Usage);
        output.ShouldBeEmpty();
        Lines(error).ShouldBe(["prepaid: Option '--layout' is required", DecodeHint]);
    }

    [Fact]
    public async Task Help_BesideAnUnknownOption_StillShowsHelp()
    {
        var (exit, output, _) = await Prepaid.RunAsync("card", "decode", "--bogus", "--help");

        exit.ShouldBe(ExitCodes.Success);
        output.ShouldContain("Usage:");
    }

    [Theory]
    [InlineData("card", "decode", "-l", "legacy-bcd-v1", "-")]
    [InlineData("vend", "price", "history", "-5")]
    public void Of_StdinDashAndNegativeNumbers_AreValuesNotOptions(params string[] args) =>
        Cli.Failures.UsageErrors.Of(PrepaidApp.BuildRoot().Parse(args)).ShouldBeEmpty();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
