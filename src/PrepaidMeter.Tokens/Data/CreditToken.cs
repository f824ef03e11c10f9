namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// Class 0, TransferCredit (6.2.2–6.2.9): RND(4) in bits 59..56, TID(24) in 55..32, Amount(16) in 31..16. The random
/// number makes two tokens of the same amount in the same minute differ.
/// </summary>
public sealed record CreditToken : TokenData
{
    public CreditToken(CreditKind kind, int random, TokenIdentifier id, TransferAmount amount)
    {
        Check((long)kind, 7, nameof(kind));
        Check(random, 15, nameof(random));
        Kind = kind;
        Random = random;
        Id = id;
        Amount = amount;
    }

    public CreditKind Kind { get; }

    public int Random { get; }

    public TokenIdentifier Id { get; }

    public TransferAmount Amount { get; }

    public override TokenClass Class => TokenClass.TransferCredit;

    public override int Subclass => (int)Kind;

    public override ulong Fields => ((ulong)(uint)Random << 40) | ((ulong)(uint)Id.Minutes << 16) | Amount.Field;

    internal static CreditToken FromFields(CreditKind kind, ulong fields) =>
        new(kind, (int)(fields >> 40), new TokenIdentifier((int)((fields >> 16) & 0xFFFFFF)), TransferAmount.FromField((ushort)(fields & 0xFFFF)));
}
