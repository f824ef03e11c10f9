namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// Class 2 tokens with one 16-bit value (6.2.11–6.2.18): a power limit in watts in the amount encoding
/// (<see cref="TransferAmount"/>), the register to clear, a tariff rate or a water meter factor (their values are the
/// STSA's to define), or nothing (clear tamper). Key change tokens have records of their own.
/// </summary>
public sealed record ManagementToken : IdentifiedToken
{
    public ManagementToken(ManagementKind kind, int random, TokenIdentifier id, ushort value)
        : base(random, id)
    {
        if (!Enum.IsDefined(kind) || kind.IsKeyChange())
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, kind.IsKeyChange() ? "a key change token is a key section record" : "not a management token of the standard");
        }

        Kind = kind;
        ManagementValue = value;
    }

    /// <summary>
    /// ClearCredit's register value this project uses for every credit register. The standard's register values (its
    /// Table 28) are not public; a meter model may give others.
    /// </summary>
    public const ushort AllRegisters = 0xFFFF;

    public ManagementKind Kind { get; }

    private ushort ManagementValue { get; }

    public override ushort Value => ManagementValue;

    /// <summary>The limit in watts, for the two power limit tokens.</summary>
    public long? Watts => Kind is ManagementKind.SetMaximumPowerLimit or ManagementKind.SetMaximumPhasePowerUnbalanceLimit
        ? TransferAmount.FromField(Value).Units
        : null;

    public override TokenClass Class => TokenClass.MeterSpecificManagement;

    public override int Subclass => (int)Kind;

    internal static ManagementToken FromFields(ManagementKind kind, ulong fields)
    {
        var (random, id, value) = Split(fields);
        return new ManagementToken(kind, random, id, value);
    }
}
