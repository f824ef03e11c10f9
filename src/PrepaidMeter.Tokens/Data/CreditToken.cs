namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// Class 0, TransferCredit (6.2.2–6.2.9): electricity, water, gas or time credit, its amount in the 16-bit encoding.
/// Currency credit (subclasses 4–7) carries the CRC_C of 6.3.22 instead of the CRC; its definition is not public, so the
/// engine makes none and reads none.
/// </summary>
public sealed record CreditToken : IdentifiedToken
{
    public CreditToken(CreditKind kind, int random, TokenIdentifier id, TransferAmount amount)
        : base(random, id)
    {
        if (kind is < CreditKind.Electricity or > CreditKind.Time)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "currency credit needs the CRC_C, which is not public");
        }

        Kind = kind;
        Amount = amount;
    }

    public CreditKind Kind { get; }

    public TransferAmount Amount { get; }

    public override ushort Value => Amount.Field;

    public override TokenClass Class => TokenClass.TransferCredit;

    public override int Subclass => (int)Kind;

    internal static TokenData FromFields(int subclass, ulong fields)
    {
        if (subclass > (int)CreditKind.Time)
        {
            return new UnknownToken(TokenClass.TransferCredit, subclass, fields);
        }

        var (random, id, value) = Split(fields);
        return new CreditToken((CreditKind)subclass, random, id, TransferAmount.FromField(value));
    }
}
