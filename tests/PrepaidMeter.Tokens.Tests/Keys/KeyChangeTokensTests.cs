using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Tokens.Tests.Keys;

public sealed class KeyChangeTokensTests
{
    private static readonly MeterIdentity Meter = new(MeterIdentity.DefaultIin, "01234567897", 2, 123456, 7, 3, BaseDate.Year2035, 0xA5);

    [Fact]
    public void For_SixtyFourBitKey_FirstAndSecondSectionsCarryItsHalves()
    {
        var key = new DecoderKey(EncryptionAlgorithm.Sta, Convert.FromHexString("0123456789ABCDEF"));

        var sections = KeyChangeTokens.For(key, Meter, rollover: true);

        sections.Count.ShouldBe(2);
        var first = sections[0].ShouldBeOfType<FirstKeySection>();
        var second = sections[1].ShouldBeOfType<SecondKeySection>();
        (first.NewKeyHigh, second.NewKeyLow).ShouldBe((0x01234567u, 0x89ABCDEFu));
        (first.ExpiryHigh, second.ExpiryLow).ShouldBe((0xA, 0x5));
        (first.KeyRevision, first.KeyType, first.Rollover, first.Reserved, second.TariffIndex).ShouldBe((3, 2, true, false, 7));
    }

    [Fact]
    public void For_HundredTwentyEightBitKey_FourSectionsInOrderWithTheSupplyGroupSplit()
    {
        var key = new DecoderKey(EncryptionAlgorithm.Misty1, Convert.FromHexString("00112233445566778899AABBCCDDEEFF"));

        var sections = KeyChangeTokens.For(key, Meter, rollover: false);

        sections.Select(s => s.Subclass).ShouldBe([3, 4, 8, 9]);
        sections[0].ShouldBeOfType<FirstKeySection>().NewKeyHigh.ShouldBe(0x00112233u);
        sections[0].ShouldBeOfType<FirstKeySection>().Reserved.ShouldBeFalse();
        sections[1].ShouldBeOfType<SecondKeySection>().NewKeyLow.ShouldBe(0xCCDDEEFFu);
        var third = sections[2].ShouldBeOfType<ThirdKeySection>();
        var fourth = sections[3].ShouldBeOfType<FourthKeySection>();
        (third.NewKeyMiddle2, fourth.NewKeyMiddle1).ShouldBe((0x44556677u, 0x8899AABBu));
        ((fourth.SupplyGroupHigh << 12) | third.SupplyGroupLow).ShouldBe(123456);
    }
}
