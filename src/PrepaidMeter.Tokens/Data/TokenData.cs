namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// A token's 66 bits before encryption (IEC 62055-41, 6.1–6.3): two class bits and the 64-bit block — the subclass in
/// bits 63..60, the 44 bits of the token's own fields in 59..16, the CRC in 15..0 (bit 0 the least significant, as the
/// standard numbers them). Each subclass is a record below; <see cref="FromBlock"/> reads one back.
/// </summary>
public abstract record TokenData
{
    public abstract TokenClass Class { get; }

    public abstract int Subclass { get; }

    /// <summary>The token's own 44 bits, bits 59..16 of the block shifted down to 43..0.</summary>
    public abstract ulong Fields { get; }

    /// <summary>The 64-bit block with its CRC, ready to encrypt.</summary>
    public ulong ToBlock() => TokenCrc.Seal((int)Class, ((ulong)(uint)Subclass << 60) | (Fields << 16));

    /// <summary>
    /// The token a block with a good CRC carries; a subclass the standard reserves, a proprietary one or one this engine does
    /// not read (currency credit, class 1 subclasses 2–15) comes back as <see cref="UnknownToken"/>.
    /// </summary>
    public static TokenData FromBlock(TokenClass tokenClass, ulong block)
    {
        var subclass = (int)(block >> 60);
        var fields = (block >> 16) & FieldMask;
        return tokenClass switch
        {
            TokenClass.TransferCredit => CreditToken.FromFields(subclass, fields),
            TokenClass.InitiateMeterTest when subclass is 0 or 1 => MeterTestToken.FromFields(subclass, fields),
            TokenClass.MeterSpecificManagement => (ManagementKind)subclass switch
            {
                ManagementKind.SetFirstSectionDecoderKey => FirstKeySection.FromFields(fields),
                ManagementKind.SetSecondSectionDecoderKey => SecondKeySection.FromFields(fields),
                ManagementKind.SetThirdSectionDecoderKey => ThirdKeySection.FromFields(fields),
                ManagementKind.SetFourthSectionDecoderKey => FourthKeySection.FromFields(fields),
                var kind when Enum.IsDefined(kind) => ManagementToken.FromFields(kind, fields),
                _ => new UnknownToken(tokenClass, subclass, fields),
            },
            _ => new UnknownToken(tokenClass, subclass, fields),
        };
    }

    internal const ulong FieldMask = (1UL << 44) - 1;

    internal static void Check(long value, long largest, string name)
    {
        if (value < 0 || value > largest)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is 0..{largest}");
        }
    }
}

/// <summary>A token of a class or subclass the standard reserves or this engine does not know; kept to say so, never acted on.</summary>
public sealed record UnknownToken(TokenClass TokenClass, int TokenSubclass, ulong RawFields) : TokenData
{
    public override TokenClass Class => TokenClass;

    public override int Subclass => TokenSubclass;

    public override ulong Fields => RawFields;
}
