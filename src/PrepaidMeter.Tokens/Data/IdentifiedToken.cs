namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// The tokens a meter remembers by their identifier — credit (class 0) and the one-value management tokens (class 2):
/// RND(4) in bits 59..56, TID(24) in 55..32, a 16-bit value in 31..16. The random number makes two tokens of the same
/// value in the same minute differ.
/// </summary>
public abstract record IdentifiedToken : TokenData
{
    protected IdentifiedToken(int random, TokenIdentifier id)
    {
        Check(random, 15, nameof(random));
        Random = random;
        Id = id;
    }

    public int Random { get; }

    public TokenIdentifier Id { get; }

    /// <summary>The 16 bits in 31..16.</summary>
    public abstract ushort Value { get; }

    public sealed override ulong Fields => ((ulong)(uint)Random << 40) | ((ulong)(uint)Id.Minutes << 16) | Value;

    /// <summary>Whether the key's expiry number refuses this token: its identifier's top 8 bits above KEN (6.1.10).</summary>
    public bool ExpiredUnder(int keyExpiry) => Id.Minutes >> 16 > keyExpiry;

    internal static (int Random, TokenIdentifier Id, ushort Value) Split(ulong fields) =>
        ((int)(fields >> 40), new TokenIdentifier((int)((fields >> 16) & 0xFFFFFF)), (ushort)(fields & 0xFFFF));
}
