namespace PrepaidMeter.Tokens.Keys;

/// <summary>
/// Who a meter is to the vending system (IEC 62055-41, 6.1.2–6.1.9): its issuer identification number (IIN: 600727 for
/// most STS meters, or a 4-digit one) and decoder reference number (DRN: 11 digits beside a 6-digit IIN, 13 beside a
/// 4-digit one, its last digit a Luhn check), and the key it holds: key type (KT 0–3), supply group code (SGC, 6 digits),
/// tariff index (TI, 2 digits), key revision number (KRN 1–9), base date and key expiry number (KEN).
/// </summary>
public sealed record MeterIdentity
{
    public const string DefaultIin = "600727";

    public MeterIdentity(string iin, string drn, int keyType, int supplyGroup, int tariffIndex, int keyRevision, Data.BaseDate baseDate, int keyExpiry)
    {
        ArgumentNullException.ThrowIfNull(iin);
        ArgumentNullException.ThrowIfNull(drn);
        if (Problem(iin, drn, keyType, supplyGroup, tariffIndex, keyRevision, keyExpiry) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        Iin = iin;
        Drn = drn;
        KeyType = keyType;
        SupplyGroup = supplyGroup;
        TariffIndex = tariffIndex;
        KeyRevision = keyRevision;
        BaseDate = baseDate;
        KeyExpiry = keyExpiry;
    }

    public string Iin { get; }

    public string Drn { get; }

    public int KeyType { get; }

    public int SupplyGroup { get; }

    public int TariffIndex { get; }

    public int KeyRevision { get; }

    public Data.BaseDate BaseDate { get; }

    /// <summary>KEN: the key takes no token whose identifier's top 8 bits exceed it (255: the key never expires).</summary>
    public int KeyExpiry { get; }

    /// <summary>The meter's primary account number: IIN, DRN and the Luhn check of both (18 digits with a 6-digit IIN).</summary>
    public string Pan => Iin + Drn + Luhn.CheckDigit(Iin + Drn);

    /// <summary>What is wrong with these values, said for a user, or null when they make a meter.</summary>
    public static string? Problem(string iin, string drn, int keyType, int supplyGroup, int tariffIndex, int keyRevision, int keyExpiry) =>
        Mistake(iin, drn, keyType, supplyGroup, tariffIndex, keyRevision, keyExpiry)?.Message;

    /// <summary>
    /// The first value that is wrong — named as the command line names it (iin, meter, kt, sgc, ti, krn, ken) — and why,
    /// or null when they make a meter. Key type 3 (a common key) is refused: its PAN block rule is not public.
    /// </summary>
    public static (string Field, string Message)? Mistake(string iin, string drn, int keyType, int supplyGroup, int tariffIndex, int keyRevision, int keyExpiry)
    {
        ArgumentNullException.ThrowIfNull(iin);
        ArgumentNullException.ThrowIfNull(drn);
        var drnDigits = iin.Length == 4 ? 13 : 11;
        return (iin, drn) switch
        {
            _ when !iin.All(char.IsAsciiDigit) || iin.Length is not (4 or 6) => ("iin", $"IIN '{iin}' is not 6 (or 4) digits"),
            _ when !drn.All(char.IsAsciiDigit) || drn.Length != drnDigits => ("meter", $"meter number '{drn}' is not {drnDigits} digits"),
            _ when !Luhn.IsValid(drn) => ("meter", $"meter number '{drn}' fails its check digit (Luhn): mistyped?"),
            _ when keyType == 3 => ("kt", "key type 3 (a common key) is not supported: its PAN block rule is not public"),
            _ when keyType is < 0 or > 3 => ("kt", $"key type {keyType} is not 0–2"),
            _ when supplyGroup is < 0 or > 999_999 => ("sgc", $"supply group code {supplyGroup} is not 6 digits"),
            _ when tariffIndex is < 0 or > 99 => ("ti", $"tariff index {tariffIndex} is not 2 digits"),
            _ when keyRevision is < 1 or > 9 => ("krn", $"key revision {keyRevision} is not 1–9"),
            _ when keyExpiry is < 0 or > 255 => ("ken", $"key expiry number {keyExpiry} is not 0–255"),
            _ => null,
        };
    }
}
