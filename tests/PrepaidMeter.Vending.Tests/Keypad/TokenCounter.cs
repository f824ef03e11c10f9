using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Keypad;

/// <summary>
/// The counter's group set to sell tokens too, with a token account on meter A; and the meter's side of it: the decoder
/// key the meter holds, derived as a meter's is (the engine's DKGA from the vending key and the meter's identity).
/// </summary>
internal static class TokenCounter
{
    /// <summary>11 digits with their Luhn check.</summary>
    public const string Drn = "01234567897";

    public const string VendingKey = "0123456789ABCDEF";

    public const string WideVendingKey = "00112233445566778899AABBCCDDEEFF";

    public static TokenKeyDefinition Key(int revision = 1, BaseDate baseDate = BaseDate.Year2014, int expiry = 255, string? vendingKey = null,
        EncryptionAlgorithm algorithm = EncryptionAlgorithm.Sta, KeyGeneration generation = KeyGeneration.Dkga02) =>
        new(vendingKey ?? VendingKey, 2, 1, revision, expiry, baseDate, algorithm, generation);

    /// <summary>Sets the group's medium to both with <paramref name="key"/>, opens a token account on meter A; its id.</summary>
    public static long OpenTokenAccount(this Counter counter, TokenKeyDefinition? key = null)
    {
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Both, key ?? Key()).Refusal.ShouldBeNull();
        var opened = counter.Office.Tokens.Open(counter.Admin, counter.Customer, Counter.MeterA, counter.Residential, Drn);
        opened.Refusal.ShouldBeNull();
        return opened.Value.AccountId;
    }

    /// <summary>The codec of the meter of DRN <see cref="Drn"/> holding <paramref name="key"/>.</summary>
    public static TokenCodec MeterCodec(TokenKeyDefinition key) => new(MeterKey(key).Cipher());

    /// <summary>The decoder key the meter of DRN <see cref="Drn"/> holds under <paramref name="key"/>, derived as a meter's is.</summary>
    public static DecoderKey MeterKey(TokenKeyDefinition key)
    {
        var meter = new MeterIdentity(MeterIdentity.DefaultIin, Drn, key.KeyType, checked((int)Counter.Group.Value), key.TariffIndex, key.KeyRevision, key.BaseDate, key.KeyExpiry);
        return DecoderKeys.Derive(key.Generation, Convert.FromHexString(key.VendingKeyHex), meter, key.Algorithm);
    }

    public static TokenData Decode(TokenKeyDefinition key, string token)
    {
        var decoded = MeterCodec(key).Decode(TokenNumber.Parse(token)!.Value);
        decoded.Succeeded.ShouldBeTrue($"{token}: {decoded.Failure}");
        return decoded.Data!;
    }

    /// <summary>Every text the books hold in the operation log and the token tables but the vending key's own column.</summary>
    public static IReadOnlyList<string> LogText(this Counter counter)
    {
        using var connection = counter.Database.Open();
        return [.. connection.Query<(string Action, string Subject, string Detail)>("SELECT action, subject, detail FROM operation_log").Select(r => $"{r.Action} {r.Subject} {r.Detail}")];
    }

    public static int Minutes(DateTimeOffset moment, BaseDate baseDate) => TokenIdentifier.At(moment, baseDate)!.Value.Minutes;

    public static CreditAmount Kwh(decimal kwh) => new(CreditUnit.Energy, (long)(kwh * 100));
}
