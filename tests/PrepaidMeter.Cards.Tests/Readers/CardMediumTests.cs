using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Cards.Tests.Readers;

public sealed class CardMediumTests
{
    [Theory]
    [InlineData("sle4442", 256, 32, 3, 3, 0)]
    [InlineData("sle4428", 1024, 0, 2, 8, 0)]
    [InlineData("at24c01", 128, 0, 0, 0, 8)]
    [InlineData("at24c02", 256, 0, 0, 0, 8)]
    [InlineData("at24c04", 512, 0, 0, 0, 16)]
    [InlineData("at24c08", 1024, 0, 0, 0, 16)]
    [InlineData("at24c16", 2048, 0, 0, 0, 16)]
    [InlineData("at24c32", 4096, 0, 0, 0, 32)]
    [InlineData("at24c64", 8192, 0, 0, 0, 32)]
    public void Parse_EveryName_GivesTheDataSheetsFigures(string name, int capacity, int protectedPrefix, int pscLength, int tries, int page)
    {
        var medium = CardMedium.Parse(name).ShouldNotBeNull();

        (medium.Name, medium.Capacity, medium.ProtectedPrefix, medium.PscLength, medium.MaxTries, medium.PageSize)
            .ShouldBe((name, capacity, protectedPrefix, pscLength, tries, page));
    }

    [Fact]
    public void Names_ListEveryMediumOnce() =>
        CardMedium.Names.ShouldBe(["sle4442", "sle4428", "at24c01", "at24c02", "at24c04", "at24c08", "at24c16", "at24c32", "at24c64", "cpu"]);

    [Fact]
    public void Parse_UnknownName_IsNull() => CardMedium.Parse("sle5542x").ShouldBeNull();

    [Fact]
    public void Sle4428_ReservesItsLastThreeBytes_ForTheErrorCounterAndPsc() =>
        (CardMedium.Sle4428.UsableStart, CardMedium.Sle4428.UsableEnd).ShouldBe((0, 1021));

    [Fact]
    public void PscOf_TheGroupSecret_IsCutToWhatTheCardTakes()
    {
        byte[] secret = [0x11, 0x22, 0x33];

        CardMedium.Sle4442.PscOf(secret).ToArray().ShouldBe(secret);
        CardMedium.Sle4428.PscOf(secret).ToArray().ShouldBe(new byte[] { 0x11, 0x22 });
        CardMedium.At24c02.PscOf(secret).Length.ShouldBe(0);
    }
}
