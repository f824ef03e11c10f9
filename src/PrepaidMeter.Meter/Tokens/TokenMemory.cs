using System.Collections.Immutable;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Meter.Tokens;

/// <summary>
/// What a token meter keeps in NVRAM (rule N1; NvramTokens writes it): its STS identity and decoder key, the TID memory,
/// the keypad's lock-out, the key change sections waiting for the rest of their set, and the values management tokens
/// set that no other register holds. Immutable, so the commit's copy of the registers shares it; every change makes a new one.
/// </summary>
internal sealed record TokenMemory
{
    public required string Iin { get; init; }

    public required string Drn { get; init; }

    public required int KeyType { get; init; }

    public required int SupplyGroup { get; init; }

    public required int TariffIndex { get; init; }

    public required int KeyRevision { get; init; }

    public required BaseDate BaseDate { get; init; }

    public required int KeyExpiry { get; init; }

    public required EncryptionAlgorithm Algorithm { get; init; }

    /// <summary>The decoder key; never printed (rule TK1). Never written into after it is made.</summary>
    public required ImmutableArray<byte> Key { get; init; }

    /// <summary>The most recent accepted token identifiers (minutes), ascending, at most the model's TID memory (rule TK5).</summary>
    public ImmutableArray<int> Tids { get; init; } = [];

    /// <summary>Invalid entries since the last accepted meter-specific token or power-up (rule TK14).</summary>
    public int InvalidInARow { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>Key change sections accepted and waiting for the rest of their set (rule TK11), by subclass.</summary>
    public ImmutableArray<PendingSection> Pending { get; init; } = [];

    /// <summary>The last SetTariffRate value (rule TK9); the meter shows it, its meaning is left to the STSA.</summary>
    public ushort? TariffRate { get; init; }

    /// <summary>The last SetWaterMeterFactor value (rule TK9).</summary>
    public ushort? WaterFactor { get; init; }

    /// <summary>The last SetMaximumPhasePowerUnbalanceLimit, watts (rule TK9).</summary>
    public long? PhaseUnbalanceWatts { get; init; }

    /// <summary>Credit a ClearCredit token took off the register, hundredths (rule TK9): what keeps credit conserved.</summary>
    public long ClearedCredit { get; init; }

    public MeterIdentity Identity => new(Iin, Drn, KeyType, SupplyGroup, TariffIndex, KeyRevision, BaseDate, KeyExpiry);

    public DecoderKey DecoderKey => new(Algorithm, Key.AsSpan());

    /// <summary>A new meter's: the identity and key `meter new` installs, empty TID memory, keypad unlocked.</summary>
    public static TokenMemory Installed(MeterIdentity identity, DecoderKey key)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(key);
        return new()
        {
            Iin = identity.Iin,
            Drn = identity.Drn,
            KeyType = identity.KeyType,
            SupplyGroup = identity.SupplyGroup,
            TariffIndex = identity.TariffIndex,
            KeyRevision = identity.KeyRevision,
            BaseDate = identity.BaseDate,
            KeyExpiry = identity.KeyExpiry,
            Algorithm = key.Algorithm,
            Key = [.. key.Bytes],
        };
    }
}

/// <summary>One key change section waiting for its set: its subclass, its 44 field bits and when it was entered.</summary>
internal readonly record struct PendingSection(int Subclass, ulong Fields, DateTimeOffset At)
{
    public TokenData Data => TokenData.FromBlock(TokenClass.MeterSpecificManagement, ((ulong)(uint)Subclass << 60) | (Fields << 16));
}
