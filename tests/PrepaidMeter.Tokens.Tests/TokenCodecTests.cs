using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Tokens.Ciphers;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Tokens.Tests;

public sealed class TokenCodecTests
{
    private static readonly DecoderKey Key = new(EncryptionAlgorithm.Sta, Convert.FromHexString("0ABC12DEF3456789"));

    private static readonly CreditToken Credit = new(CreditKind.Electricity, 5, new TokenIdentifier(0xC02A55), TransferAmount.FromField(0x2710));

    [Property(MaxTest = 300)]
    public Property Decode_AfterEncode_GivesTheSameDataForEveryClass() =>
        Prop.ForAll(TokenGenerators.AnyToken.ToArbitrary(), TokenGenerators.AnyKey.ToArbitrary(), (data, key) =>
        {
            var codec = new TokenCodec(key.Cipher());
            var decoded = codec.Decode(codec.Encode(data));

            decoded.Succeeded.ShouldBeTrue();
            decoded.Data.ShouldBe(data);
        });

    [Fact]
    public void Encode_ClassBits_SitAtBits28And27OfTheNumber()
    {
        var token = new TokenCodec(Key.Cipher()).Encode(Credit);
        ((token.Block >> 27) & 3).ShouldBe(0UL);

        var management = new TokenCodec(Key.Cipher()).Encode(new ManagementToken(ManagementKind.ClearTamperCondition, 3, new TokenIdentifier(1), 0));
        ((management.Block >> 27) & 3).ShouldBe(2UL);
    }

    [Fact]
    public void Encode_TheEncryptedBits28And27_BecomeBits65And64()
    {
        var sent = Key.Cipher().Encrypt(Credit.ToBlock());
        var token = new TokenCodec(Key.Cipher()).Encode(Credit);

        token.TopTwoBits.ShouldBe((int)((sent >> 27) & 3));
        (token.Block & ~(3UL << 27)).ShouldBe(sent & ~(3UL << 27));
    }

    [Fact]
    public void Decode_AnyOneDigitMistyped_IsRefused()
    {
        var codec = new TokenCodec(Key.Cipher());
        var digits = codec.Encode(Credit).ToDigits();
        for (var place = 0; place < digits.Length; place++)
        {
            foreach (var other in "0123456789".Where(d => d != digits[place]))
            {
                var typed = TokenNumber.Parse(digits[..place] + other + digits[(place + 1)..]);
                if (typed is { } number)
                {
                    codec.Decode(number).Succeeded.ShouldBeFalse($"digit {place + 1} typed as {other}");
                }
            }
        }
    }

    [Theory]
    [InlineData("0ABC12DEF3456788")]
    [InlineData("1111111111111111")]
    [InlineData("0000000000000000")]
    public void Decode_UnderAnotherMetersKey_FailsItsCrc(string otherKey)
    {
        var token = new TokenCodec(Key.Cipher()).Encode(Credit);
        var other = new TokenCodec(new DecoderKey(EncryptionAlgorithm.Sta, Convert.FromHexString(otherKey)).Cipher());

        other.Decode(token).Failure.ShouldBe(TokenDecodeFailure.CrcMismatch);
    }

    [Fact]
    public void Decode_TestToken_ReadsUnderAnyKey()
    {
        // Class 1 is not encrypted: one token tests every meter of its manufacturer.
        var test = new MeterTestToken(0, 0, 42);
        var token = new TokenCodec(Key.Cipher()).Encode(test);

        new TokenCodec(new Misty1(new byte[16])).Decode(token).Data.ShouldBe(test);
    }

    [Fact]
    public void Decode_ClassThree_IsRefusedAsReserved()
    {
        var token = new TokenCodec(Key.Cipher()).Encode(Credit);
        var classThree = new TokenNumber(token.Value | (3UL << 27));

        new TokenCodec(Key.Cipher()).Decode(classThree).Failure.ShouldBe(TokenDecodeFailure.ReservedClass);
    }

    [Fact]
    public void Decode_ReservedManagementSubclass_IsRefusedAsUnknown()
    {
        var block = TokenCrc.Seal(2, 0xC000_0000_0000_0000UL);
        var sent = Key.Cipher().Encrypt(block);
        var number = TokenNumber.From((int)((sent >> 27) & 3), (sent & ~(3UL << 27)) | (2UL << 27));

        new TokenCodec(Key.Cipher()).Decode(number).Failure.ShouldBe(TokenDecodeFailure.UnknownSubclass);
    }

    [Fact]
    public void Encode_SameDataTwice_SameDigits()
    {
        // The random number is the caller's: the codec itself is a pure function, so a reprint is the same token.
        var codec = new TokenCodec(Key.Cipher());
        codec.Encode(Credit).ShouldBe(codec.Encode(Credit));
    }
}
