using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Readers;

public sealed class FolderCardReaderTests
{
    [Fact]
    public async Task Insert_ThenWrite_SavesTheCardFile_WithItsPscState()
    {
        using var folder = new TempFolder();
        FolderCardReader.Save(folder.File("alice.hex"), new MemoryCard([], [1, 2, 3]));
        var reader = new FolderCardReader(folder.Path);
        reader.Insert("alice").ShouldBeNull();
        (await reader.PresentPscAsync(new byte[] { 9, 9, 9 }, CancellationToken.None)).TriesLeft.ShouldBe(2);
        await reader.PresentPscAsync(new byte[] { 1, 2, 3 }, CancellationToken.None);
        (await reader.WriteAsync(100, new byte[] { 0xAB }, CancellationToken.None)).Success.ShouldBeTrue();

        var again = new FolderCardReader(folder.Path);
        again.Insert("alice.hex").ShouldBeNull();
        var read = new byte[1];
        await again.ReadAsync(100, read, CancellationToken.None);
        read[0].ShouldBe((byte)0xAB);
        File.ReadAllText(folder.File("alice.hex")).ShouldContain("# psc: 010203");
    }

    [Fact]
    public void Insert_MissingOrBadFile_SaysWhich()
    {
        using var folder = new TempFolder();
        var reader = new FolderCardReader(folder.Path);
        reader.Insert("nobody").ShouldNotBeNull().ShouldContain("no card file");
        File.WriteAllText(folder.File("short.hex"), "FF FF");
        reader.Insert("short").ShouldNotBeNull().ShouldContain("2 bytes");
        File.WriteAllText(folder.File("junk.hex"), "ZZ");
        reader.Insert("junk").ShouldNotBeNull().ShouldContain("line 1");
    }

    [Fact]
    public void Insert_CardFileIsAFolder_SaysItIsAFolderNotAFile()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("alice.hex"));
        new FolderCardReader(folder.Path).Insert("alice").ShouldBe($"{folder.File("alice.hex")} is a folder, not a file");
    }

    [Fact]
    public async Task Remove_LeavesNoCard()
    {
        using var folder = new TempFolder();
        FolderCardReader.Save(folder.File("c.hex"), new MemoryCard([]));
        var reader = new FolderCardReader(folder.Path);
        reader.Insert("c");
        reader.Remove();
        (await reader.ReadAsync(0, new byte[1], CancellationToken.None)).Status.ShouldBe(CardIoStatus.NoCard);
    }

    [Fact]
    public async Task CardFile_NamesItsMedium_AndAnSle4428TakesTheFirstTwoBytesOfTheGroupSecret()
    {
        using var folder = new TempFolder();
        FolderCardReader.Save(folder.File("s.hex"), new MemoryCard(CardMedium.Sle4428, [], [1, 2]));
        var reader = new FolderCardReader(folder.Path);
        reader.Insert("s").ShouldBeNull();

        (await reader.PresentPscAsync(new byte[] { 1, 2, 3 }, CancellationToken.None)).ShouldBe(new PscResult(PscStatus.Accepted, 8));
        (await reader.WriteAsync(900, new byte[] { 0xAB }, CancellationToken.None)).Success.ShouldBeTrue();

        var text = File.ReadAllText(folder.File("s.hex"));
        text.ShouldContain("# medium: sle4428");
        text.ShouldContain("# psc: 0102");
        FolderCardReader.TryLoad(folder.File("s.hex"), out var card).ShouldBeNull();
        (card!.Medium, card.Memory[900]).ShouldBe((CardMedium.Sle4428, (byte)0xAB));
    }

    [Fact]
    public void CardFile_OfAnI2cCard_HasNoPscHeader_AndAWrongSizeIsRefused()
    {
        using var folder = new TempFolder();
        FolderCardReader.Save(folder.File("e.hex"), new MemoryCard(CardMedium.At24c02, []));
        File.ReadAllText(folder.File("e.hex")).ShouldNotContain("psc");
        FolderCardReader.TryLoad(folder.File("e.hex"), out var card).ShouldBeNull();
        card!.Medium.ShouldBe(CardMedium.At24c02);

        File.WriteAllText(folder.File("e.hex"), File.ReadAllText(folder.File("e.hex")).Replace("at24c02", "at24c04", StringComparison.Ordinal));
        FolderCardReader.TryLoad(folder.File("e.hex"), out _).ShouldNotBeNull().ShouldContain("256 bytes; an at24c04 card holds 512");
    }
}
