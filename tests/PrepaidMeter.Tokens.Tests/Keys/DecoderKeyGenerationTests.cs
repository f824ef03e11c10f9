using PrepaidMeter.Tokens.Ciphers;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Tokens.Tests.Keys;

public sealed class DecoderKeyGenerationTests
{
    private static readonly byte[] VendingKey = Convert.FromHexString("0123456789ABCDEF");

    private static MeterIdentity Meter(string drn = "01234567897", int keyRevision = 1) =>
        new(MeterIdentity.DefaultIin, drn, keyType: 2, supplyGroup: 123456, tariffIndex: 1, keyRevision, BaseDate.Year2014, keyExpiry: 255);

    [Fact]
    public void ControlBlock_KeyTypeGroupTariffRevision_ThenSixFs()
    {
        Dkga02.ControlBlock(Meter()).ShouldBe(0x2123456011FFFFFFUL);
    }

    [Fact]
    public void PanBlock_SixDigitIin_IsItsLastFiveDigitsAndTheMeterNumber()
    {
        Dkga02.PanBlock(Meter()).ShouldBe(0x0072701234567897UL);
    }

    [Fact]
    public void Generate_Dkga02_IsDesOfTheBlocksXoredWithThemAndTheVendingKey()
    {
        // 6.5.3.4's three steps written out with the blocks above: B = PAN ⊕ CONTROL, DK = DES_VK(B) ⊕ B ⊕ VK.
        const ulong b = 0x0072701234567897UL ^ 0x2123456011FFFFFFUL;
        var expected = new DesCipher(VendingKey).Encrypt(b) ^ b ^ 0x0123456789ABCDEFUL;

        Blocks.Read(Dkga02.Generate(VendingKey, Meter()).Bytes).ShouldBe(expected);
    }

    [Fact]
    public void Generate_Dkga02_EachMeterAndRevisionItsOwnKey()
    {
        var keys = new[] { Meter(), Meter(drn: "01234567889"), Meter(keyRevision: 2) }
            .Select(m => Dkga02.Generate(VendingKey, m).ToHex());
        keys.Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public void Input_Dkga04_LabelZeroContextAndLength()
    {
        var input = Dkga04.Input(Meter(), EncryptionAlgorithm.Misty1);

        var expected = new List<byte> { 4, 2, (byte)'0', (byte)'4', 2, (byte)'1', (byte)'4', 2, (byte)'1', (byte)'1', 2, (byte)'0', (byte)'1', 0, 4 };
        expected.AddRange([6, .. "123456"u8.ToArray(), 1, (byte)'2', 1, (byte)'1', 18, .. System.Text.Encoding.ASCII.GetBytes(Meter().Pan), 0, 0, 0, 128]);
        input.ShouldBe([.. expected]);
    }

    [Fact]
    public void Generate_Dkga04_KeyLengthFollowsTheAlgorithm()
    {
        var vendingKey = new byte[20];
        Dkga04.Generate(vendingKey, Meter(), EncryptionAlgorithm.Sta).Bytes.Length.ShouldBe(8);
        Dkga04.Generate(vendingKey, Meter(), EncryptionAlgorithm.Misty1).Bytes.Length.ShouldBe(16);
        Should.Throw<ArgumentException>(() => Dkga04.Generate(new byte[8], Meter(), EncryptionAlgorithm.Sta));
    }

    [Fact]
    public void Pan_IinMeterNumberAndTheirCheckDigit_EighteenDigits()
    {
        var pan = Meter().Pan;
        pan.Length.ShouldBe(18);
        pan.ShouldStartWith("60072701234567897");
        Luhn.IsValid(pan).ShouldBeTrue();
    }

    [Theory]
    [InlineData("600727", "01234567890", 2, 1, 1, "check digit")]
    [InlineData("600727", "0123456789", 2, 1, 1, "not 11 digits")]
    [InlineData("60072", "01234567897", 2, 1, 1, "IIN")]
    [InlineData("600727", "01234567897", 4, 1, 1, "key type")]
    [InlineData("600727", "01234567897", 3, 1, 1, "common key")]
    [InlineData("600727", "01234567897", 2, 100, 1, "tariff index")]
    [InlineData("600727", "01234567897", 2, 1, 0, "key revision")]
    public void Problem_BadMeterValues_NamesTheValue(string iin, string drn, int keyType, int tariffIndex, int keyRevision, string named)
    {
        MeterIdentity.Problem(iin, drn, keyType, 123456, tariffIndex, keyRevision, 255)!.ShouldContain(named);
    }

    [Fact]
    public void ToString_DecoderKey_NeverShowsTheKey()
    {
        var key = Dkga02.Generate(VendingKey, Meter());
        key.ToString().ShouldNotContain(key.ToHex());
    }

    [Fact]
    public void Derive_ByGeneration_IsThatAlgorithmsKey()
    {
        DecoderKeys.Derive(KeyGeneration.Dkga02, VendingKey, Meter(), EncryptionAlgorithm.Sta).ToHex().ShouldBe(Dkga02.Generate(VendingKey, Meter()).ToHex());
        var wide = new byte[20];
        DecoderKeys.Derive(KeyGeneration.Dkga04, wide, Meter(), EncryptionAlgorithm.Misty1).ToHex().ShouldBe(Dkga04.Generate(wide, Meter(), EncryptionAlgorithm.Misty1).ToHex());
        Should.Throw<ArgumentException>(() => DecoderKeys.Derive(KeyGeneration.Dkga02, VendingKey, Meter(), EncryptionAlgorithm.Misty1));
    }
}
