namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// The first of the key change tokens (class 2, subclass 3; 6.2.13): the high nibble of the new key expiry number
/// (KENHO, bits 59..56), the new key revision (KRN, 55..52), the rollover bit (RO, 51: the meter moves to the new key's
/// base date and forgets its token identifiers), one bit the 128-bit key sets (50: four sections follow, not two), the new
/// key type (KT, 49..48) and the new key's high 32 bits (NKHO, 47..16).
/// </summary>
public sealed record FirstKeySection : TokenData
{
    public FirstKeySection(int expiryHigh, int keyRevision, bool rollover, bool fourSections, int keyType, uint newKeyHigh)
    {
        Check(expiryHigh, 15, nameof(expiryHigh));
        Check(keyRevision, 15, nameof(keyRevision));
        Check(keyType, 3, nameof(keyType));
        ExpiryHigh = expiryHigh;
        KeyRevision = keyRevision;
        Rollover = rollover;
        FourSections = fourSections;
        KeyType = keyType;
        NewKeyHigh = newKeyHigh;
    }

    public int ExpiryHigh { get; }

    public int KeyRevision { get; }

    public bool Rollover { get; }

    public bool FourSections { get; }

    public int KeyType { get; }

    public uint NewKeyHigh { get; }

    public override TokenClass Class => TokenClass.MeterSpecificManagement;

    public override int Subclass => (int)ManagementKind.SetFirstSectionDecoderKey;

    public override ulong Fields => ((ulong)(uint)ExpiryHigh << 40) | ((ulong)(uint)KeyRevision << 36) | (Rollover ? 1UL << 35 : 0)
        | (FourSections ? 1UL << 34 : 0) | ((ulong)(uint)KeyType << 32) | NewKeyHigh;

    internal static FirstKeySection FromFields(ulong fields) => new(
        (int)(fields >> 40), (int)((fields >> 36) & 0xF), ((fields >> 35) & 1) == 1, ((fields >> 34) & 1) == 1, (int)((fields >> 32) & 3), (uint)(fields & uint.MaxValue));
}

/// <summary>
/// The second key change token (subclass 4; 6.2.14): the low nibble of the new key expiry number (KENLO, 59..56), the new
/// tariff index in binary (TI, 55..48) and the new key's low 32 bits (NKLO, 47..16).
/// </summary>
public sealed record SecondKeySection : TokenData
{
    public SecondKeySection(int expiryLow, int tariffIndex, uint newKeyLow)
    {
        Check(expiryLow, 15, nameof(expiryLow));
        Check(tariffIndex, 255, nameof(tariffIndex));
        ExpiryLow = expiryLow;
        TariffIndex = tariffIndex;
        NewKeyLow = newKeyLow;
    }

    public int ExpiryLow { get; }

    public int TariffIndex { get; }

    public uint NewKeyLow { get; }

    public override TokenClass Class => TokenClass.MeterSpecificManagement;

    public override int Subclass => (int)ManagementKind.SetSecondSectionDecoderKey;

    public override ulong Fields => ((ulong)(uint)ExpiryLow << 40) | ((ulong)(uint)TariffIndex << 32) | NewKeyLow;

    internal static SecondKeySection FromFields(ulong fields) => new((int)(fields >> 40), (int)((fields >> 32) & 0xFF), (uint)(fields & uint.MaxValue));
}

/// <summary>
/// The third key change token of a 128-bit key (subclass 8; 6.3.16): the low 12 bits of the supply group code (SGCLO,
/// 59..48) and the new key's bits 95..64 (NKMO2, 47..16).
/// </summary>
public sealed record ThirdKeySection : TokenData
{
    public ThirdKeySection(int supplyGroupLow, uint newKeyMiddle2)
    {
        Check(supplyGroupLow, 0xFFF, nameof(supplyGroupLow));
        SupplyGroupLow = supplyGroupLow;
        NewKeyMiddle2 = newKeyMiddle2;
    }

    public int SupplyGroupLow { get; }

    public uint NewKeyMiddle2 { get; }

    public override TokenClass Class => TokenClass.MeterSpecificManagement;

    public override int Subclass => (int)ManagementKind.SetThirdSectionDecoderKey;

    public override ulong Fields => ((ulong)(uint)SupplyGroupLow << 32) | NewKeyMiddle2;

    internal static ThirdKeySection FromFields(ulong fields) => new((int)(fields >> 32), (uint)(fields & uint.MaxValue));
}

/// <summary>
/// The fourth key change token of a 128-bit key (subclass 9; 6.3.17): the high 12 bits of the supply group code (SGCHO,
/// 59..48) and the new key's bits 63..32 (NKMO1, 47..16).
/// </summary>
public sealed record FourthKeySection : TokenData
{
    public FourthKeySection(int supplyGroupHigh, uint newKeyMiddle1)
    {
        Check(supplyGroupHigh, 0xFFF, nameof(supplyGroupHigh));
        SupplyGroupHigh = supplyGroupHigh;
        NewKeyMiddle1 = newKeyMiddle1;
    }

    public int SupplyGroupHigh { get; }

    public uint NewKeyMiddle1 { get; }

    public override TokenClass Class => TokenClass.MeterSpecificManagement;

    public override int Subclass => (int)ManagementKind.SetFourthSectionDecoderKey;

    public override ulong Fields => ((ulong)(uint)SupplyGroupHigh << 32) | NewKeyMiddle1;

    internal static FourthKeySection FromFields(ulong fields) => new((int)(fields >> 32), (uint)(fields & uint.MaxValue));
}
