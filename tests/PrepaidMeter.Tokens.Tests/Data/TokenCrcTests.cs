using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Tokens.Tests.Data;

public sealed class TokenCrcTests
{
    /// <summary>
    /// The STS Association's own example token data on its "TID – Token Identifier" and "Key Expiry Number" pages
    /// (sts.org.za): class 00, subclass 0000, RND 0101, TID C02A55 hex, amount 2710 hex (1 000.0 kWh), CRC 0001 1001 0111 0000.
    /// </summary>
    [Fact]
    public void ToBlock_StsAssociationExample_CarriesItsPublishedCrc()
    {
        var token = new CreditToken(CreditKind.Electricity, 0b0101, new TokenIdentifier(0xC02A55), TransferAmount.FromField(0x2710));

        token.ToBlock().ShouldBe(0x05C02A5527101970UL);
        token.Amount.Units.ShouldBe(10_000);
    }

    /// <summary>
    /// The data block of the public EA07 walk-through paadevelopments/sts_ea07_da07 (Program.java): class 00, subclass 0,
    /// RND 1011, TID 19EB23 hex, amount 0100 hex, CRC C207 hex — computed independently of the example above.
    /// </summary>
    [Fact]
    public void Field_PublicWalkThroughBlock_IsItsCrc()
    {
        TokenCrc.Holds(0, 0x0B19EB230100C207UL).ShouldBeTrue();
        TokenCrc.Field(0, 0x0B19EB2301000000UL).ShouldBe((ushort)0xC207);
    }

    [Fact]
    public void Holds_ClassBitsChanged_Fails()
    {
        // The class bits are covered although the block does not carry them: a token cannot change class unnoticed.
        TokenCrc.Holds(2, 0x05C02A5527101970UL).ShouldBeFalse();
    }

    [Fact]
    public void Holds_OneBitOfTheAmountFlipped_Fails()
    {
        TokenCrc.Holds(0, 0x05C02A5527111970UL).ShouldBeFalse();
    }
}
