using PrepaidMeter.Tokens.Ciphers;

namespace PrepaidMeter.Tokens.Tests.Ciphers;

public sealed class DesCipherTests
{
    /// <summary>
    /// NIST SP 800-17 (Modes of Operation Validation System), Table A.1 "Variable Plaintext Known Answer Test": key
    /// 01 01 01 01 01 01 01 01 (all parity bits, so the zero key), one plaintext bit set at a time.
    /// </summary>
    [Theory]
    [InlineData(0x8000000000000000UL, 0x95F8A5E5DD31D900UL)]
    [InlineData(0x4000000000000000UL, 0xDD7F121CA5015619UL)]
    [InlineData(0x2000000000000000UL, 0x2E8653104F3834EAUL)]
    [InlineData(0x0000000000000001UL, 0x166B40B44ABA4BD6UL)]
    public void Encrypt_Sp80017VariablePlaintextVector_GivesPublishedCiphertext(ulong plaintext, ulong ciphertext)
    {
        var des = new DesCipher([1, 1, 1, 1, 1, 1, 1, 1]);

        des.Encrypt(plaintext).ShouldBe(ciphertext);
        des.Decrypt(ciphertext).ShouldBe(plaintext);
    }

    [Fact]
    public void Constructor_KeyOfSevenBytes_Throws()
    {
        Should.Throw<ArgumentException>(() => new DesCipher(new byte[7]));
    }
}
