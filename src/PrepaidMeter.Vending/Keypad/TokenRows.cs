using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Keypad;

/// <summary>A row of <c>token_keys</c>. The vending key is here and nowhere else: <see cref="ToModel"/> leaves it behind.</summary>
internal sealed class TokenKeyRow
{
    public long Id { get; init; }
    public string GroupCode { get; init; } = "";
    public long KeyRevision { get; init; }
    public long KeyType { get; init; }
    public long TariffIndex { get; init; }
    public long KeyExpiry { get; init; }
    public long BaseDate { get; init; }
    public long Algorithm { get; init; }
    public long Dkga { get; init; }
    public string VendingKey { get; init; } = "";
    public string CreatedAt { get; init; } = "";

    public BaseDate Base => (BaseDate)checked((int)BaseDate);

    public EncryptionAlgorithm Encryption => (EncryptionAlgorithm)checked((int)Algorithm);

    public KeyGeneration Generation => (KeyGeneration)checked((int)Dkga);

    public TokenKeyInfo ToModel() => new(Id, checked((int)KeyType), checked((int)TariffIndex), checked((int)KeyRevision), checked((int)KeyExpiry), Base, Encryption,
        Generation, Rows.Time(CreatedAt));

    /// <summary>Says which key this is without the vending key: for the log and the messages.</summary>
    public string Describe() => Describe(ToModel());

    public static string Describe(TokenKeyInfo k) =>
        $"key revision {k.KeyRevision}, base date {(int)k.BaseDate}, key type {k.KeyType}, tariff index {k.TariffIndex:D2}, expiry {k.KeyExpiry}, EA{(int)k.Algorithm:D2}/DKGA{(int)k.Generation:D2}";

    public const string Select = "SELECT * FROM token_keys";
}

/// <summary>A token account's meter (<c>token_meters</c>) with its account's number and group.</summary>
internal sealed class TokenMeterRow
{
    public long AccountId { get; init; }
    public string Iin { get; init; } = "";
    public string Drn { get; init; } = "";
    public long KeyId { get; init; }
    public long? LastTid { get; init; }
    public string MeterNumber { get; init; } = "";

    public TokenIdentifier? Last => LastTid is { } minutes ? new TokenIdentifier(checked((int)minutes)) : null;

    public const string Select = "SELECT t.account_id, t.iin, t.drn, t.key_id, t.last_tid, m.number AS meter_number FROM token_meters t JOIN accounts a ON a.id = t.account_id JOIN meters m ON m.id = a.meter_id";

    public TokenMeter ToModel(TokenKeyRow key) =>
        new(AccountId, Rows.Meter(MeterNumber), Iin, Drn, key.ToModel(), LastTid is { } tid ? checked((int)tid) : null);
}

/// <summary>A row of <c>tokens</c>.</summary>
internal sealed class TokenRow
{
    public long Id { get; init; }
    public long AccountId { get; init; }
    public long? SaleId { get; init; }
    public string Kind { get; init; } = "";
    public string Token { get; init; } = "";
    public long? Tid { get; init; }
    public long KeyId { get; init; }
    public long? Units { get; init; }
    public string? Reason { get; init; }

    /// <summary>Its account's group's meter type (what a credit token's amount counts); read by <see cref="Select"/>.</summary>
    public string Utility { get; init; } = "electricity";

    /// <summary>The rows with their group's meter type, for the unit a credit token's amount is in.</summary>
    public const string Select = "SELECT k.*, COALESCE(g.utility, 'electricity') AS utility FROM tokens k JOIN accounts a ON a.id = k.account_id JOIN supply_groups g ON g.code = a.group_code";

    public IssuedToken ToModel() =>
        new(Id, TokenNumber.Parse(Token)?.ToString() ?? throw new InvalidOperationException($"Token row {Id} holds no token."), Kind,
            Tid is { } t ? checked((int)t) : null, IssuedKinds.What(Kind, Units, (Utilities.Parse(Utility) ?? Core.Utility.Electricity).UnitSymbol()));
}

/// <summary>The kinds a <c>tokens</c> row names, and what each says on a receipt.</summary>
internal static class IssuedKinds
{
    public const string Credit = "credit";

    public static string KeySection(int n) => $"key-change-{n}";

    /// <param name="units">A credit token's tenths of its unit, a limit's watts.</param>
    public static string What(string kind, long? units, string unit) => kind switch
    {
        Credit => $"credit {TransferAmount.Tenths(units ?? 0)} {unit}",
        "power-limit" or "phase-unbalance" => $"{kind} {units} W",
        _ when kind.StartsWith("key-change-", StringComparison.Ordinal) => $"key change token {kind["key-change-".Length..]}",
        _ => kind,
    };
}
