using System.Data.Common;
using Dapper;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Keypad;

/// <summary>
/// What keeps a meter from loading a token twice (docs/vending.md, "Keypad tokens", G5, A1, KC1, S4): no key that derives a
/// decoder key the meter has, no key change to a base date not begun, a TID once per account and key and an open DRN once,
/// in the books' own indexes, and a DRN's TIDs going on across its accounts.
/// </summary>
public sealed class TokenKeyGuardTests
{
    [Theory]
    [BothStores]
    public void GroupSet_SameVendingKeyKtTiKrnOtherBaseDate_RefusedAsTheSameDecoderKey(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenTokenAccount(TokenCounter.Key(baseDate: BaseDate.Year1993));

        var refused = counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Both, TokenCounter.Key(baseDate: BaseDate.Year2014, expiry: 200));

        refused.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        refused.Refusal.Message.ShouldContain("DKGA02 does not derive from the base date");
        refused.Refusal.Message.ShouldContain("give a new key revision or vending key");
        counter.Office.TokenGroups.Get(counter.Admin, Counter.Group).Value.Keys.Count.ShouldBe(1);
    }

    [Fact]
    public void GroupSet_NewRevisionOrVendingKeyOrDkga04BaseDate_Taken()
    {
        using var counter = new Counter(Store.Sqlite);
        counter.OpenTokenAccount(TokenCounter.Key(baseDate: BaseDate.Year1993));
        TokenKeyDefinition[] distinct =
        [
            TokenCounter.Key(revision: 2, baseDate: BaseDate.Year2014),
            TokenCounter.Key(baseDate: BaseDate.Year2014, vendingKey: "FEDCBA9876543210"),
            TokenCounter.Key(revision: 3, baseDate: BaseDate.Year1993, vendingKey: TokenCounter.WideVendingKey, generation: KeyGeneration.Dkga04),
            // DKGA04 reads the base date: the same vending key, KT, TI and KRN of another base date is another decoder key.
            TokenCounter.Key(revision: 3, baseDate: BaseDate.Year2014, vendingKey: TokenCounter.WideVendingKey, generation: KeyGeneration.Dkga04),
        ];

        foreach (var key in distinct)
        {
            counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Both, key).Refusal.ShouldBeNull();
        }
    }

    [Theory]
    [BothStores]
    public void ChangeKey_ToARowDerivingTheDecoderKeyTheMeterHolds_RefusedAndNothingIssued(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount(TokenCounter.Key(baseDate: BaseDate.Year1993));
        // A row as books made before G5's rule could hold: the same vending key, KT, TI and KRN, a later base date.
        counter.Fixture("a token key that differs only in its base date", scope => scope.InsertCovered(AuditedTable.TokenKeys,
            """
            INSERT INTO token_keys (group_code, key_revision, key_type, tariff_index, key_expiry, base_date, algorithm, dkga, vending_key, created_at, created_by)
            VALUES ('100001', 1, 2, 1, 255, 2014, @ea, @dkga, @vk, @at, 'admin')
            """,
            new { ea = (int)EncryptionAlgorithm.Sta, dkga = (int)KeyGeneration.Dkga02, vk = TokenCounter.VendingKey, at = scope.Stamp }));

        var changed = counter.Office.Tokens.ChangeKey(counter.Admin, account, 1, BaseDate.Year2014, Counter.Kwh(5));

        changed.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        changed.Refusal.Message.ShouldContain("would get the decoder key it holds");
        counter.Office.Tokens.Meter(counter.Admin, account).Value.Key.BaseDate.ShouldBe(BaseDate.Year1993);
        TokenCount(counter).ShouldBe(0);
    }

    [Theory]
    [BothStores]
    public void ChangeKey_ToABaseDateNotBegun_RefusedNamingItAndNothingIssued(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Both, TokenCounter.Key(revision: 2, baseDate: BaseDate.Year2035)).Refusal.ShouldBeNull();

        var changed = counter.Office.Tokens.ChangeKey(counter.Admin, account, 2, null, null);

        changed.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        changed.Refusal.Message.ShouldContain("base date 2035, which has not begun (it begins 2035-01-01)");
        counter.Office.Tokens.Meter(counter.Admin, account).Value.Key.KeyRevision.ShouldBe(1);
        TokenCount(counter).ShouldBe(0);
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(1)).Refusal.ShouldBeNull();
    }

    [Theory]
    [BothStores]
    public void Open_DrnOfAClosedAccount_GoesOnAfterItsLastTid(Store store)
    {
        using var counter = new Counter(store);
        var first = counter.OpenTokenAccount();
        // Three tokens in one minute: the last two TIDs are bumped past the minute (S4).
        var tids = Enumerable.Range(0, 3).Select(_ => counter.Office.Tokens.Sell(counter.Admin, first, Counter.Kwh(1)).Value.Token!.Tid!.Value).ToList();
        var now = TokenCounter.Minutes(counter.Time.GetUtcNow(), BaseDate.Year2014);
        tids.ShouldBe([now, now + 1, now + 2]);
        counter.Fixture("the token account closed (no command closes one yet)", scope =>
        {
            scope.ExecuteCovered(AuditedTable.Accounts, "UPDATE accounts SET status = 'closed' WHERE id = @first", new { first });
            scope.ExecuteCovered(AuditedTable.TokenMeters, "UPDATE token_meters SET closed_at = @at WHERE account_id = @first", new { first, at = scope.Stamp });
        });

        var second = counter.Office.Tokens.Open(counter.Admin, counter.Customer, Counter.MeterB, counter.Residential, TokenCounter.Drn);

        second.Refusal.ShouldBeNull();
        second.Value.LastTid.ShouldBe(now + 2);
        var sold = counter.Office.Tokens.Sell(counter.Admin, second.Value.AccountId, Counter.Kwh(1)).Value;
        sold.Token!.Tid.ShouldBe(now + 3, "the meter has seen TIDs up to now + 2: a TID of now would be refused as used");
    }

    [Theory]
    [BothStores]
    public void Books_ATidTwiceForOneAccountAndKey_RefusedByTheirOwnIndex(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(1)).Refusal.ShouldBeNull();
        using var connection = counter.Database.Open();

        Should.Throw<DbException>(() => connection.Execute(
            "INSERT INTO tokens (account_id, sale_id, kind, token, tid, key_id, units, reason, operator, at) SELECT account_id, NULL, kind, token, tid, key_id, units, reason, operator, at FROM tokens"));

        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM tokens").ShouldBe(1);
    }

    [Theory]
    [BothStores]
    public void Books_TwoOpenAccountsOnOneDrn_RefusedByTheirOwnIndex(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenTokenAccount();
        counter.Office.Tokens.Open(counter.Admin, counter.Customer, Counter.MeterB, counter.Residential, "11111111115").Refusal.ShouldBeNull();
        using var connection = counter.Database.Open();

        Should.Throw<DbException>(() => connection.Execute("UPDATE token_meters SET drn = @Drn WHERE drn = '11111111115'", new { TokenCounter.Drn }));

        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM token_meters WHERE drn = @Drn", new { TokenCounter.Drn }).ShouldBe(1);
    }

    private static long TokenCount(Counter counter)
    {
        using var connection = counter.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM tokens");
    }
}
