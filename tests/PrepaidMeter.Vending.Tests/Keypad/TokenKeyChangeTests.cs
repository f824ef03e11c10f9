using System.Buffers.Binary;
using System.Text.Json;
using Dapper;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Keypad;

/// <summary>Key changes and management tokens (docs/vending.md, "Keypad tokens", KC1–KC6, M1–M4), and the vending key kept secret.</summary>
public sealed class TokenKeyChangeTests
{
    [Theory]
    [BothStores]
    public void ChangeKey_ToALaterBaseDate_TwoSectionsUnderTheOldKeyThenCreditUnderTheNewWithTheRolloverBit(Store store)
    {
        using var counter = new Counter(store);
        var old = TokenCounter.Key(baseDate: BaseDate.Year1993);
        var account = counter.OpenTokenAccount(old);
        var next = TokenCounter.Key(revision: 2, baseDate: BaseDate.Year2014, vendingKey: "FEDCBA9876543210");
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Both, next).Refusal.ShouldBeNull();

        var changed = counter.Office.Tokens.ChangeKey(counter.Admin, account, 2, BaseDate.Year2014, Counter.Kwh(20));

        changed.Refusal.ShouldBeNull();
        changed.Value.Rollover.ShouldBeTrue();
        changed.Value.Tokens.Count.ShouldBe(2);
        var first = TokenCounter.Decode(old, changed.Value.Tokens[0].Token).ShouldBeOfType<FirstKeySection>();
        var second = TokenCounter.Decode(old, changed.Value.Tokens[1].Token).ShouldBeOfType<SecondKeySection>();
        var newKey = TokenCounter.MeterKey(next).Bytes.ToArray();
        first.NewKeyHigh.ShouldBe(BinaryPrimitives.ReadUInt32BigEndian(newKey.AsSpan(0, 4)));
        second.NewKeyLow.ShouldBe(BinaryPrimitives.ReadUInt32BigEndian(newKey.AsSpan(4, 4)));
        (first.Rollover, first.KeyRevision, first.KeyType, first.Reserved).ShouldBe((true, 2, 2, false));
        ((first.ExpiryHigh << 4) | second.ExpiryLow).ShouldBe(255);
        second.TariffIndex.ShouldBe(1);
        var credit = TokenCounter.Decode(next, changed.Value.Credit!.Token!.Token).ShouldBeOfType<CreditToken>();
        credit.Amount.Units.ShouldBe(200);
        credit.Id.Minutes.ShouldBe(TokenCounter.Minutes(Some.Moment, BaseDate.Year2014));
        var meter = counter.Office.Tokens.Meter(counter.Admin, account).Value;
        (meter.Key.KeyRevision, meter.Key.BaseDate, meter.LastTid).ShouldBe((2, BaseDate.Year2014, credit.Id.Minutes));
    }

    [Fact]
    public void ChangeKey_To128BitMisty1_FourSectionsCarryTheWholeKeyAndTheSupplyGroup()
    {
        using var counter = new Counter(Store.Sqlite);
        var old = TokenCounter.Key();
        var account = counter.OpenTokenAccount(old);
        var wide = TokenCounter.Key(revision: 3, vendingKey: TokenCounter.WideVendingKey, algorithm: EncryptionAlgorithm.Misty1, generation: KeyGeneration.Dkga04);
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Token, wide).Refusal.ShouldBeNull();

        var changed = counter.Office.Tokens.ChangeKey(counter.Admin, account, null, null, null).Value;

        changed.Rollover.ShouldBeFalse();
        changed.Credit.ShouldBeNull();
        var sections = changed.Tokens.Select(t => TokenCounter.Decode(old, t.Token)).ToList();
        var key = TokenCounter.MeterKey(wide).Bytes.ToArray();
        uint Word(int i) => BinaryPrimitives.ReadUInt32BigEndian(key.AsSpan(i * 4, 4));
        sections[0].ShouldBeOfType<FirstKeySection>().NewKeyHigh.ShouldBe(Word(0));
        sections[0].ShouldBeOfType<FirstKeySection>().Reserved.ShouldBeFalse("bit 50 is reserved and written 0");
        sections[1].ShouldBeOfType<SecondKeySection>().NewKeyLow.ShouldBe(Word(3));
        sections[2].ShouldBeOfType<ThirdKeySection>().NewKeyMiddle2.ShouldBe(Word(1));
        sections[3].ShouldBeOfType<FourthKeySection>().NewKeyMiddle1.ShouldBe(Word(2));
        var sgc = checked((int)Counter.Group.Value);
        ((sections[3].ShouldBeOfType<FourthKeySection>().SupplyGroupHigh << 12) | sections[2].ShouldBeOfType<ThirdKeySection>().SupplyGroupLow).ShouldBe(sgc);

        // The next sale is made under the new key, its identifier going on from the last (no rollover).
        var sold = counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(1)).Value;
        TokenCounter.Decode(wide, sold.Token!.Token).ShouldBeOfType<CreditToken>().Amount.Units.ShouldBe(10);
    }

    [Fact]
    public void ChangeKey_ToTheKeyItHolds_OrBackInBaseDate_Refused()
    {
        using var counter = new Counter(Store.Sqlite);
        var account = counter.OpenTokenAccount();
        counter.Office.Tokens.ChangeKey(counter.Admin, account, null, null, null).Refusal!.Message.ShouldContain("holds that key already");
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Both, TokenCounter.Key(revision: 2, baseDate: BaseDate.Year1993)).Refusal.ShouldBeNull();

        counter.Office.Tokens.ChangeKey(counter.Admin, account, 2, null, null).Refusal!.Message.ShouldContain("never moves it back");
    }

    [Theory]
    [BothStores]
    public void Manage_PowerLimit_DecodesToTheWattsAtTheNextIdentifier(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        var sold = counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(1)).Value;

        var issued = counter.Office.Tokens.Manage(counter.Admin, account, ManagementAct.SetPowerLimit, 3_000, "contract 3 kW");

        var token = TokenCounter.Decode(TokenCounter.Key(), issued.Value.Token).ShouldBeOfType<ManagementToken>();
        (token.Kind, token.Watts, token.Id.Minutes).ShouldBe((ManagementKind.SetMaximumPowerLimit, 3_000L, sold.Token!.Tid!.Value + 1));
        counter.LogText().ShouldContain(line => line.Contains("token management") && line.Contains("contract 3 kW"));
    }

    [Fact]
    public void Manage_ClearCredit_ClearsEveryRegister()
    {
        using var counter = new Counter(Store.Sqlite);
        var account = counter.OpenTokenAccount();

        var issued = counter.Office.Tokens.Manage(counter.Admin, account, ManagementAct.ClearCredit, null, "meter moved").Value;

        TokenCounter.Decode(TokenCounter.Key(), issued.Token).ShouldBeOfType<ManagementToken>().Value.ShouldBe(ManagementToken.AllRegisters);
        counter.Office.Tokens.Manage(counter.Admin, account, ManagementAct.ClearTamper, 5, "x").Refusal!.Message.ShouldContain("takes no watts");
    }

    [Theory]
    [BothStores]
    public void VendingKey_NeverInAnyModelJsonOrLogEntry(Store store)
    {
        using var counter = new Counter(store);
        var wide = TokenCounter.Key(revision: 2, vendingKey: TokenCounter.WideVendingKey, algorithm: EncryptionAlgorithm.Misty1, generation: KeyGeneration.Dkga04);
        var account = counter.OpenTokenAccount();
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Both, wide).Refusal.ShouldBeNull();
        object[] results =
        [
            counter.Office.TokenGroups.Get(counter.Admin, Counter.Group).Value,
            counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(2)).Value,
            counter.Office.Tokens.ChangeKey(counter.Admin, account, null, null, Counter.Kwh(3)).Value,
            counter.Office.Tokens.Manage(counter.Admin, account, ManagementAct.ClearTamper, null, "tamper").Value,
            counter.Office.Tokens.Meter(counter.Admin, account).Value,
            counter.Office.Groups.List(counter.Admin).Value,
        ];

        var texts = results.Select(r => JsonSerializer.Serialize(r)).Concat(counter.LogText()).ToList();
        using var connection = counter.Database.Open();
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM token_keys WHERE vending_key IN (@VendingKey, @WideVendingKey)",
            new { TokenCounter.VendingKey, TokenCounter.WideVendingKey }).ShouldBe(2);
        foreach (var secret in new[] { TokenCounter.VendingKey, TokenCounter.WideVendingKey })
        {
            texts.ShouldAllBe(text => !text.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}
