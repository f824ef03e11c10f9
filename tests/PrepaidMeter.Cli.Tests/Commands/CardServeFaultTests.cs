using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// `prepaid card serve`'s fault options (docs/card-media.md, "Fault injection"; docs/cli.md): a bad value is a usage
/// error naming the option, and a torn write through pcscd lands exactly as many bytes as asked and is saved so.
/// </summary>
public sealed class CardServeFaultTests
{
    private static readonly byte[] Psc = [0x12, 0x34, 0x56];

    private static byte[] Image() => [.. Enumerable.Range(0, 256).Select(i => (byte)(i * 7 % 256))];

    private static string CardFile(TempFolder folder, CardMedium medium)
    {
        var path = folder.File("card.hex");
        FolderCardReader.Save(path, new MemoryCard(medium, Image(), medium.HasPsc ? Psc.AsSpan(0, medium.PscLength) : default));
        return path;
    }

    [Theory]
    [InlineData("--leave-after", "0", "--leave-after '0': an APDU number from 1")]
    [InlineData("--leave-after", "three", "--leave-after 'three': an APDU number from 1")]
    [InlineData("--tear-write-after", "-1", "--tear-write-after '-1': a byte count from 0")]
    [InlineData("--answer", "3=6C00", "--answer '3=6C00': 6C00: SW1 61 and 6C are T=0 procedure bytes")]
    [InlineData("--answer", "3", "--answer '3': not N=SW")]
    [InlineData("--delay", "60001", "--delay '60001': milliseconds from 0 to 60000")]
    [InlineData("--atr", "3B0", "--atr '3B0': an ATR is 2 to 33 bytes in hex")]
    [InlineData("--tries", "-2", "--tries '-2': a number of tries from 0")]
    public async Task Serve_BadFaultValue_ExitsOneNamingTheOption(string option, string value, string says)
    {
        using var folder = new TempFolder();

        var (exit, _, error) = await Prepaid.RunAsync("card", "serve", "--image", CardFile(folder, CardMedium.Sle4442), option, value);

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldStartWith($"prepaid: {says}");
    }

    [Theory]
    [InlineData("at24c02", "4", "--tries: an at24c02 card has no PSC, so no tries to lose")]
    [InlineData("sle4442", "4", "--tries: an sle4442 card has at most 3 tries, not 4")]
    public async Task Serve_TriesTheCardCannotHave_ExitsOneSayingWhy(string medium, string tries, string says)
    {
        using var folder = new TempFolder();

        var (exit, _, error) = await Prepaid.RunAsync("card", "serve", "--image", CardFile(folder, CardMedium.Parse(medium)!.Value), "--tries", tries);

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldStartWith($"prepaid: {says}");
    }

    [Fact]
    public async Task Serve_TearWriteAfter6_TheReaderSeesATornWrite_AndTheSavedCardHoldsSixNewBytes()
    {
        using var slots = VpcdSlots.Take();
        using var folder = new TempFolder();
        var path = CardFile(folder, CardMedium.Sle4442);
        using var serve = ChildPrepaid.Start("card", "serve", "--slot", "0", "--image", path, "--tear-write-after", "6", "--tries", "2");
        (await ChildPrepaid.ReadUntil(serve.StandardOutput, "faults:")).ShouldBe("faults: 2 PSC tries left, leaves after 6 written bytes");

        using (var reader = new PcscCardReader(VirtualCard.ReaderName(0)))
        {
            (await reader.WaitForCardAsync(TimeSpan.FromSeconds(10), CancellationToken.None)).ShouldBe(CardPresence.Present);
            (await reader.PresentPscAsync(Psc, CancellationToken.None)).Status.ShouldBe(PscStatus.Accepted);
            (await reader.WriteAsync(100, Enumerable.Repeat((byte)0xAB, 16).ToArray(), CancellationToken.None)).Status.ShouldBe(CardIoStatus.TornWrite);
        }

        await serve.StandardInput.WriteLineAsync("quit");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await serve.WaitForExitAsync(timeout.Token);
        }

        serve.ExitCode.ShouldBe(0, await serve.StandardError.ReadToEndAsync());
        (await serve.StandardOutput.ReadToEndAsync()).ShouldContain("pulled out after 3 APDUs");
        FolderCardReader.TryLoad(path, out var saved).ShouldBeNull();
        saved!.Memory[100..106].ToArray().ShouldAllBe(b => b == 0xAB);
        saved.Memory[106..116].ToArray().ShouldBe(Image()[106..116]);
    }
}
