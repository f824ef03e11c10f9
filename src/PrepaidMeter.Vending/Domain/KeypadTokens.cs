using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Vending.Domain;

/// <summary>What a supply group sells on: IC cards (every group made before issue 28), STS keypad tokens, or both.</summary>
public enum SupplyMedium
{
    Card,
    Token,
    Both,
}

public static class SupplyMedia
{
    public static string Name(this SupplyMedium medium) => medium.ToString().ToLowerInvariant();

    /// <summary>Reads "card", "token" or "both"; null for anything else.</summary>
    public static SupplyMedium? Parse(string? text) => text switch
    {
        "card" => SupplyMedium.Card,
        "token" => SupplyMedium.Token,
        "both" => SupplyMedium.Both,
        _ => null,
    };

    public static bool SellsTokens(this SupplyMedium medium) => medium is SupplyMedium.Token or SupplyMedium.Both;

    public static bool SellsCards(this SupplyMedium medium) => medium is SupplyMedium.Card or SupplyMedium.Both;
}

/// <summary>
/// A supply group's token key of one key revision and base date, as an administrator gives it: the vending key (hex, kept
/// as the maintenance code is, never shown again) and what the meters' decoder keys are generated with.
/// </summary>
public sealed record TokenKeyDefinition(
    string VendingKeyHex,
    int KeyType,
    int TariffIndex,
    int KeyRevision,
    int KeyExpiry,
    BaseDate BaseDate,
    EncryptionAlgorithm Algorithm,
    KeyGeneration Generation);

/// <summary>A token key as the books show it: everything but the vending key.</summary>
public sealed record TokenKeyInfo(
    long Id, int KeyType, int TariffIndex, int KeyRevision, int KeyExpiry, BaseDate BaseDate, EncryptionAlgorithm Algorithm, KeyGeneration Generation, DateTimeOffset CreatedAt);

/// <summary>A supply group's medium and its token keys, newest first (a new token account takes the first whose base date has begun, docs/vending.md G5).</summary>
public sealed record TokenGroup(SupplyGroupCode Code, string Name, SupplyMedium Medium, Utility MeterType, IReadOnlyList<TokenKeyInfo> Keys);

/// <summary>A token account's meter as the back office knows it: its identity, the key it holds and the last token identifier it was given.</summary>
public sealed record TokenMeter(long AccountId, MeterNumber Meter, string Iin, string Drn, TokenKeyInfo Key, int? LastTid);

/// <summary>One token issued: its 20 digits in 4-4-4-4-4 groups, what it is, and its token identifier (none on a key change section).</summary>
public sealed record IssuedToken(long Id, string Token, string Kind, int? Tid, string What);

/// <summary>
/// A credit token sale's receipt: the sale as every receipt (money, the credit paid for), the token, and what the token
/// carries — the credit rounded up to the next amount the token can carry, in the customer's favour (IEC 62055-41, 6.3.4).
/// </summary>
/// <param name="TokenCredit">The credit the meter loads from the token: <see cref="Receipt.Credit"/> rounded up to a whole 0.1 unit and to the amount encoding's step.</param>
/// <param name="RoundedUpBy">TokenCredit less the credit paid for (zero when nothing was rounded).</param>
/// <param name="Notice">What the operator must know (a cancel or correction: the earlier token stays valid at the meter); null when nothing.</param>
public sealed record TokenReceipt(Receipt Receipt, IssuedToken? Token, CreditAmount TokenCredit, CreditAmount RoundedUpBy, string? Notice);

/// <summary>The management tokens an administrator may issue.</summary>
public enum ManagementAct
{
    /// <summary>The meter's maximum power limit, in watts.</summary>
    SetPowerLimit,

    /// <summary>Clears the meter's credit register.</summary>
    ClearCredit,

    /// <summary>Clears a tamper condition the meter latched.</summary>
    ClearTamper,

    /// <summary>The maximum power unbalance between phases, in watts.</summary>
    SetPhaseUnbalanceLimit,
}

public static class ManagementActs
{
    public static string Name(this ManagementAct act) => act switch
    {
        ManagementAct.SetPowerLimit => "power-limit",
        ManagementAct.ClearCredit => "clear-credit",
        ManagementAct.ClearTamper => "clear-tamper",
        ManagementAct.SetPhaseUnbalanceLimit => "phase-unbalance",
        _ => throw new ArgumentOutOfRangeException(nameof(act), act, "Not a management act."),
    };

    public static ManagementAct? Parse(string? text) =>
        Enum.GetValues<ManagementAct>().Cast<ManagementAct?>().FirstOrDefault(a => a!.Value.Name() == text);

    /// <summary>Whether the act carries watts.</summary>
    public static bool TakesWatts(this ManagementAct act) => act is ManagementAct.SetPowerLimit or ManagementAct.SetPhaseUnbalanceLimit;
}

/// <summary>A key change issued: the key change tokens in the order to enter them, and the credit token under the new key when one was sold with it.</summary>
public sealed record KeyChangeIssued(long AccountId, TokenKeyInfo From, TokenKeyInfo To, bool Rollover, IReadOnlyList<IssuedToken> Tokens, TokenReceipt? Credit);
