using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Tests.Commands;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Failures;

/// <summary>
/// The I/O rule (docs/cli.md) on the reports that brought it: an output that cannot be written is one line naming
/// it and exit 3, an input that cannot be read one line and exit 2 — never a stack trace.
/// </summary>
public sealed class IoFailureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Record => RepoPaths.Fixtures("cards", "legacy-bcd-v1", "set.json");

    [Fact]
    public async Task CardEncode_StdoutFailsOnWrite_OneLineExit3()
    {
        var (exit, error) = await Prepaid.RunAsync(new FullDiskWriter(), "card", "encode", "-l", "legacy-bcd-v1", Record);

        exit.ShouldBe(ExitCodes.Environment);
        error.ShouldBe("prepaid: cannot write standard output: no space left on device" + Environment.NewLine);
    }

    [Fact]
    public async Task CardLayouts_StdoutFailsOnlyOnFlush_TheGuardFlushesAndSaysSoExit3()
    {
        var output = new FullDiskWriter(onFlushOnly: true);

        var (exit, error) = await Prepaid.RunAsync(output, "card", "layouts");

        output.Buffered.ShouldContain("pm-ref-v1");
        exit.ShouldBe(ExitCodes.Environment);
        error.ShouldBe("prepaid: cannot write standard output: no space left on device" + Environment.NewLine);
    }

    [Fact]
    public async Task Help_StdoutFailsOnWrite_OneLineExit3()
    {
        var (exit, error) = await Prepaid.RunAsync(new FullDiskWriter(), "card", "--help");

        exit.ShouldBe(ExitCodes.Environment);
        error.ShouldBe("prepaid: cannot write standard output: no space left on device" + Environment.NewLine);
    }

    [Fact]
    public async Task CardEncode_StdoutIsDevFull_OneLineExit3()
    {
        var (exit, error) = await ChildPrepaid.RunWithStdoutTo("/dev/full", "card", "encode", "-l", "legacy-bcd-v1", Record);

        error.ShouldBe("prepaid: cannot write standard output: no space left on device\n");
        exit.ShouldBe(ExitCodes.Environment);
    }

    [Fact]
    public async Task LabList_StdoutIsDevFull_OneLineExit3AndNothingAtExit()
    {
        // Spectre.Console writes the table in many pieces; the first failure is the only one said.
        var (exit, error) = await ChildPrepaid.RunWithStdoutTo("/dev/full", "lab", "list");

        error.ShouldBe("prepaid: cannot write standard output: no space left on device\n");
        exit.ShouldBe(ExitCodes.Environment);
    }

    [Fact]
    public async Task MeterNew_OutIsAFolder_OneLineExit3()
    {
        var folder = _folder.File("meters");
        Directory.CreateDirectory(folder);

        var (exit, output, error) = await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-energy", "--number", "000012345678", "--group", "100001",
            "--secret", "5052455041494430", "--out", folder);

        exit.ShouldBe(ExitCodes.Environment);
        output.ShouldBeEmpty();
        error.ShouldBe($"prepaid: cannot write {folder}: {folder} is a folder, not a file" + Environment.NewLine);
    }

    [Fact]
    public async Task LabRun_JunitIsProcVersion_OneLineExit3()
    {
        var (exit, _, error) = await Prepaid.RunAsync("lab", "run", "demo-story", "--junit", "/proc/version");

        exit.ShouldBe(ExitCodes.Environment);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem().ShouldStartWith("prepaid: cannot write /proc/version: ");
    }

    [Fact]
    public async Task Certify_OutIsAnExistingFile_OneLineExit3()
    {
        var file = _folder.File("report");
        File.WriteAllText(file, "not a folder");

        var (exit, output, error) = await Prepaid.RunAsync("certify", "--model", "pm-ref-energy", "--out", file);

        exit.ShouldBe(ExitCodes.Environment);
        output.ShouldBeEmpty();
        error.ShouldBe($"prepaid: cannot write {file}: {file} is a file, not a folder" + Environment.NewLine);
    }

    [Fact]
    public async Task CardDecode_ImageIsAFolder_SaysFolderNotFileExit2()
    {
        var folder = _folder.File("card.hex");
        Directory.CreateDirectory(folder);

        var (exit, _, error) = await Prepaid.RunAsync("card", "decode", "-l", "legacy-bcd-v1", folder);

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldBe($"prepaid: cannot read {folder}: {folder} is a folder, not a file" + Environment.NewLine);
    }

    [Fact]
    public async Task LabRun_ReportFolderUnderAFile_SaysFileNotFolderExit3()
    {
        var file = _folder.File("runs");
        File.WriteAllText(file, "not a folder");
        var report = Path.Combine(file, "today");

        var (exit, _, error) = await Prepaid.RunAsync("lab", "run", "demo-story", "--report", report);

        exit.ShouldBe(ExitCodes.Environment);
        error.ShouldBe($"prepaid: cannot write {report}: {file} is a file, not a folder" + Environment.NewLine);
    }

    [Fact]
    public async Task MeterNew_OutInAMissingFolder_NamesTheFirstMissingFolderExit3()
    {
        var missing = _folder.File("no-such");
        var output = Path.Combine(missing, "deeper", "m.nvram");

        var (exit, _, error) = await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-energy", "--number", "000012345678", "--group", "100001",
            "--secret", "5052455041494430", "--out", output);

        exit.ShouldBe(ExitCodes.Environment);
        error.ShouldBe($"prepaid: cannot write {output}: no such folder {missing}" + Environment.NewLine);
    }

    [Fact]
    public void Of_StreamFailureWithNoPath_NamesThePathItWasWriting()
    {
        var tagged = new Cli.Failures.PathAccessException("out/junit.xml", isPath: true, Cli.Failures.PathUse.Write, new IOException("No space left on device"));

        var failure = Cli.Failures.IoFailure.Of(tagged, parse: null).ShouldNotBeNull();

        failure.Message.ShouldBe("cannot write out/junit.xml: no space left on device");
        failure.ExitCode.ShouldBe(ExitCodes.Environment);
    }

    [Fact]
    public void Of_NotAnIoFailure_IsLeftToBeABug() =>
        Cli.Failures.IoFailure.Of(new InvalidOperationException("a bug"), parse: null).ShouldBeNull();
}
