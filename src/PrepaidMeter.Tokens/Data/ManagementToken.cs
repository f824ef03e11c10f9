namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// Class 2 tokens with one 16-bit value (6.2.11–6.2.18): RND(4), TID(24) and the value in bits 31..16 — a power limit in
/// watts in the amount encoding (<see cref="TransferAmount"/>), the register to clear, a tariff rate or a water meter factor
/// (their meaning is left to the STSA), or nothing (clear tamper). Key change tokens have records of their own.
/// </summary>
public sealed record ManagementToken : TokenData
{
    public ManagementToken(ManagementKind kind, int random, TokenIdentifier id, ushort value)
    {
        if (kind.IsKeyChange() || !Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "a key change token is a key section record");
        }

        Check(random, 15, nameof(random));
        Kind = kind;
        Random = random;
        Id = id;
        Value = value;
    }

    /// <summary>ClearCredit's register value for every credit register.</summary>
    public const ushort AllRegisters = 0xFFFF;

    public ManagementKind Kind { get; }

    public int Random { get; }

    public TokenIdentifier Id { get; }

    public ushort Value { get; }

    /// <summary>The limit in watts, for the two power limit tokens.</summary>
    public long? Watts => Kind is ManagementKind.SetMaximumPowerLimit or ManagementKind.SetMaximumPhasePowerUnbalanceLimit
        ? TransferAmount.FromField(Value).Units
        : null;

    public override TokenClass Class => TokenClass.MeterSpecificManagement;

    public override int Subclass => (int)Kind;

    public override ulong Fields => ((ulong)(uint)Random << 40) | ((ulong)(uint)Id.Minutes << 16) | Value;

    internal static ManagementToken FromFields(ManagementKind kind, ulong fields) =>
        new(kind, (int)(fields >> 40), new TokenIdentifier((int)((fields >> 16) & 0xFFFFFF)), (ushort)(fields & 0xFFFF));
}
