using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

public sealed class CardCommandsTests
{
    private const string Secret = "5052455041494430";

    [Fact]
    public async Task Layouts_ListsEachLayoutOnALine_WithItsSize()
    {
        var (exit, output, _) = await Prepaid.RunAsync("card", "layouts");
        exit.ShouldBe(ExitCodes.Success);
        var lines = output.TrimEnd().Split('\n');
        lines.Length.ShouldBe(2);
        lines[0].ShouldStartWith("legacy-bcd-v1\t256 bytes");
        lines[1].ShouldStartWith("pm-ref-v1\t256 bytes");
    }

    [Fact]
    public async Task EncodeThenDecode_RoundTripsTheGoldenRecord()
    {
        using var folder = new TempFolder();
        var record = RepoPaths.Fixtures("cards", "pm-ref-v1", "user-swiped.json");
        var (exit, image, _) = await Prepaid.RunAsync("card", "encode", "--layout", "pm-ref-v1", "--secret", Secret, record);
        exit.ShouldBe(ExitCodes.Success);
        image.ShouldBe(File.ReadAllText(RepoPaths.Fixtures("cards", "pm-ref-v1", "user-swiped.hex")));

        File.WriteAllText(folder.File("card.hex"), image);
        var (decodeExit, json, _) = await Prepaid.RunAsync("card", "decode", "--layout", "pm-ref-v1", "--secret", Secret, "--json", folder.File("card.hex"));
        decodeExit.ShouldBe(ExitCodes.Success);
        json.Trim().ShouldBe(File.ReadAllText(record).Trim());
    }

    [Fact]
    public async Task Decode_Readable_ShowsOneFieldALine()
    {
        var (exit, output, _) = await Prepaid.RunAsync("card", "decode", "-l", "legacy-bcd-v1", RepoPaths.Fixtures("cards", "legacy-bcd-v1", "set.hex"));
        exit.ShouldBe(ExitCodes.Success);
        output.ShouldMatch(@"(?m)^parameters\.purchaseLimit +999\.00$");
    }

    [Fact]
    public async Task Decode_TamperedCard_ExitsTwoWithOneLineNamingTheReason()
    {
        using var folder = new TempFolder();
        var image = File.ReadAllText(RepoPaths.Fixtures("cards", "legacy-bcd-v1", "user.hex"));
        // Raise the purchase amount's first BCD byte (offset 57, line 3 of the hex).
        var lines = image.Split('\n');
        var bytes = lines[3].Split(' ');
        bytes[9] = "99";
        lines[3] = string.Join(' ', bytes);
        File.WriteAllText(folder.File("edited.hex"), string.Join('\n', lines));

        var (exit, output, error) = await Prepaid.RunAsync("card", "decode", "-l", "legacy-bcd-v1", folder.File("edited.hex"));
        exit.ShouldBe(ExitCodes.Refused);
        output.ShouldBeEmpty();
        error.TrimEnd().Split('\n').Length.ShouldBe(1);
        error.ShouldContain("card refused: checksum error: 'sum'");
    }

    [Fact]
    public async Task Decode_WithAnotherGroupsSecret_IsAMacError()
    {
        var (exit, _, error) = await Prepaid.RunAsync("card", "decode", "-l", "pm-ref-v1", "--secret", "0BADC0DE0BADC0DE",
            RepoPaths.Fixtures("cards", "pm-ref-v1", "user.hex"));
        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("MAC error");
    }

    [Fact]
    public async Task Decode_MacLayoutWithoutSecret_IsAUsageError()
    {
        var (exit, _, error) = await Prepaid.RunAsync("card", "decode", "-l", "pm-ref-v1", RepoPaths.Fixtures("cards", "pm-ref-v1", "user.hex"));
        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("give --secret");
    }

    [Fact]
    public async Task Decode_MissingFile_ExitsTwo()
    {
        var (exit, _, error) = await Prepaid.RunAsync("card", "decode", "-l", "legacy-bcd-v1", "/nonexistent/card.hex");
        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("/nonexistent/card.hex");
    }

    [Fact]
    public async Task Encode_UnknownLayout_ExitsTwoListingTheShippedOnes()
    {
        var (exit, _, error) = await Prepaid.RunAsync("card", "encode", "-l", "vendor-z", RepoPaths.Fixtures("cards", "pm-ref-v1", "user.json"));
        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("legacy-bcd-v1, pm-ref-v1");
    }

    [Fact]
    public async Task Encode_BadRecord_ExitsTwoNamingTheProperty()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("r.json"), """{"kind":"user","layout":"legacy-bcd-v1","purchase":"ten"}""");
        var (exit, _, error) = await Prepaid.RunAsync("card", "encode", "-l", "legacy-bcd-v1", folder.File("r.json"));
        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("purchase: 'ten' is not a money amount");
    }

    [Fact]
    public async Task Encode_ValueTooLargeForTheLayout_ExitsTwoNamingTheField()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("r.json"), """{"kind":"user","layout":"legacy-bcd-v1","purchase":"1000000.00"}""");
        var (exit, _, error) = await Prepaid.RunAsync("card", "encode", "-l", "legacy-bcd-v1", folder.File("r.json"));
        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("purchaseAmount");
    }

    [Fact]
    public async Task UnknownOption_IsAUsageError()
    {
        var (exit, _, _) = await Prepaid.RunAsync("card", "decode", "--frobnicate");
        exit.ShouldBe(ExitCodes.Usage);
    }

    [Fact]
    public async Task Help_IsThereOnEveryCommand()
    {
        foreach (var command in new[] { new[] { "--help" }, ["card", "--help"], ["card", "decode", "--help"], ["demo", "--help"] })
        {
            var (exit, output, _) = await Prepaid.RunAsync(command);
            exit.ShouldBe(ExitCodes.Success);
            output.ShouldContain("Usage:");
        }
    }

    [Fact]
    public async Task Serve_CardFileThatIsNotThere_ExitsTwoNamingIt()
    {
        var (exit, _, error) = await Prepaid.RunAsync("card", "serve", "--slot", "1", "--image", "/no/such/card.hex");

        exit.ShouldBe(2);
        error.ShouldBe("prepaid: cannot read /no/such/card.hex: no such folder /no" + Environment.NewLine);
    }

    [Fact]
    public async Task Decode_ImageLongerThanTheLayout_SaysTooLongWithBothLengths()
    {
        using var folder = new TempFolder();
        var image = File.ReadAllText(RepoPaths.Fixtures("cards", "legacy-bcd-v1", "user.hex"));
        File.WriteAllText(folder.File("long.hex"), image + string.Join(' ', Enumerable.Repeat("00", 44)) + "\n");

        var (exit, output, error) = await Prepaid.RunAsync("card", "decode", "-l", "legacy-bcd-v1", folder.File("long.hex"));

        exit.ShouldBe(ExitCodes.Refused);
        output.ShouldBeEmpty();
        error.ShouldBe("prepaid: card refused: image too long: the image has 300 bytes; layout legacy-bcd-v1 takes 256" + Environment.NewLine);
    }

    [Fact]
    public async Task Decode_ImageShorterThanTheLayout_SaysTruncatedWithBothLengths()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("short.hex"), string.Join(' ', Enumerable.Repeat("00", 100)));

        var (exit, _, error) = await Prepaid.RunAsync("card", "decode", "-l", "legacy-bcd-v1", folder.File("short.hex"));

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldBe("prepaid: card refused: truncated image: the image has 100 bytes; layout legacy-bcd-v1 takes 256" + Environment.NewLine);
    }
}
