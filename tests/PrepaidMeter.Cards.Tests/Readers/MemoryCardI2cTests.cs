using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Cards.Tests.Readers;

public sealed class MemoryCardI2cTests
{
    [Theory]
    [InlineData("at24c01", 128)]
    [InlineData("at24c02", 256)]
    [InlineData("at24c64", 8192)]
    public void Capacity_IsTheChipsAndBeyondItIsOutOfRange(string name, int capacity)
    {
        var card = new MemoryCard(CardMedium.Parse(name)!.Value, []);

        card.Memory.Length.ShouldBe(capacity);
        card.Write(capacity - 1, [1]).Success.ShouldBeTrue();
        card.Write(capacity - 1, [1, 2]).Status.ShouldBe(CardIoStatus.OutOfRange);
        card.Read(capacity, new byte[1]).Status.ShouldBe(CardIoStatus.OutOfRange);
    }

    [Fact]
    public void Write_NeedsNoPsc_AndByteZeroIsNotProtected()
    {
        var card = new MemoryCard(CardMedium.At24c02, []);

        card.IsUnlocked.ShouldBeTrue();
        card.Write(0, [0xAC, 0x24]).Success.ShouldBeTrue();
        card.Memory[..2].ToArray().ShouldBe(new byte[] { 0xAC, 0x24 });
    }

    [Fact]
    public void PresentPsc_AnyCode_IsAcceptedWithoutCountingATry()
    {
        var card = new MemoryCard(CardMedium.At24c02, []);

        card.PresentPsc([1, 2, 3]).ShouldBe(new PscResult(PscStatus.Accepted, 0));
        card.PresentPsc([]).Status.ShouldBe(PscStatus.Accepted);
    }

    [Fact]
    public void Write_AcrossPageBoundaries_LandsWhole_AsTheReaderSplitsItAtPages()
    {
        var card = new MemoryCard(CardMedium.At24c02, []);
        var data = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();

        card.Write(5, data).Success.ShouldBeTrue();

        card.Memory.Slice(5, 20).ToArray().ShouldBe(data);
    }

    [Fact]
    public void WritePage_PastThePagesEnd_WrapsToItsStart_AsTheEepromsAddressCounterDoes()
    {
        var card = new MemoryCard(CardMedium.At24c02, []);

        card.WritePage(6, [1, 2, 3, 4]).Success.ShouldBeTrue();

        card.Memory[6].ShouldBe((byte)1);
        card.Memory[7].ShouldBe((byte)2);
        card.Memory[0].ShouldBe((byte)3, "the 8-byte page 0..7 wraps");
        card.Memory[1].ShouldBe((byte)4);
        card.Memory[8].ShouldBe((byte)0xFF, "nothing reaches the next page");
    }

    [Fact]
    public void WritePage_LongerThanAPage_IsOutOfRange() =>
        new MemoryCard(CardMedium.At24c02, []).WritePage(0, new byte[9]).Status.ShouldBe(CardIoStatus.OutOfRange);
}
