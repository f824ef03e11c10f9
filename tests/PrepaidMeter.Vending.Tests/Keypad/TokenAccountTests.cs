using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Keypad;

/// <summary>A group's medium and token keys, and token accounts (docs/vending.md, "Keypad tokens", G1–G6, A1–A4).</summary>
public sealed class TokenAccountTests
{
    [Fact]
    public void Open_GroupSellingCardsOnly_Refused()
    {
        using var counter = new Counter(Store.Sqlite);

        var opened = counter.Office.Tokens.Open(counter.Admin, counter.Customer, Counter.MeterA, counter.Residential, TokenCounter.Drn);

        opened.Refusal!.Message.ShouldContain("sells on cards only");
    }

    [Theory]
    [InlineData("01234567890", "check digit")]
    [InlineData("0123456789", "not 11 digits")]
    [InlineData("0123456789A", "not 11 digits")]
    public void Open_BadDrn_RefusedSayingWhy(string drn, string why)
    {
        using var counter = new Counter(Store.Sqlite);
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Token, TokenCounter.Key()).Refusal.ShouldBeNull();

        var opened = counter.Office.Tokens.Open(counter.Admin, counter.Customer, Counter.MeterA, counter.Residential, drn);

        opened.Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        opened.Refusal.Message.ShouldContain(why);
        opened.Refusal.Message.ShouldContain("DRN");
    }

    [Fact]
    public void Open_DrnOfAnotherOpenAccount_Refused()
    {
        using var counter = new Counter(Store.Sqlite);
        var first = counter.OpenTokenAccount();

        var second = counter.Office.Tokens.Open(counter.Admin, counter.Customer, Counter.MeterB, counter.Residential, TokenCounter.Drn);

        second.Refusal!.Message.ShouldContain($"open account {first}");
    }

    [Fact]
    public async Task CardOpen_TokenOnlyGroup_Refused()
    {
        using var counter = new Counter(Store.Sqlite);
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Token, TokenCounter.Key()).Refusal.ShouldBeNull();
        counter.ConfigureMeter(Counter.MeterA);
        counter.InsertBlank();

        var opened = await counter.Office.Accounts.OpenAsync(counter.Admin, counter.Reader, counter.Customer, Counter.MeterA, counter.Residential, Counter.Kwh(5));

        opened.Refusal!.Message.ShouldContain("vend token open");
    }

    [Fact]
    public void Sell_CardAccount_RefusedAsNotATokenAccount()
    {
        using var counter = new Counter(Store.Sqlite);
        var (receipt, _) = counter.OpenAccount();
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Both, TokenCounter.Key()).Refusal.ShouldBeNull();

        counter.Office.Tokens.Sell(counter.Admin, receipt.AccountId, Counter.Kwh(5)).Refusal!.Message.ShouldContain("card account");
    }

    [Theory]
    [InlineData("0123", "64 bits")]
    [InlineData("XYZ0123456789ABC", "not hex")]
    public void SetGroup_BadVendingKey_RefusedWithoutRepeatingIt(string key, string why)
    {
        using var counter = new Counter(Store.Sqlite);

        var set = counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Token, TokenCounter.Key(vendingKey: key));

        set.Refusal!.Message.ShouldContain(why);
        set.Refusal.Message.ShouldNotContain(key);
    }

    [Fact]
    public void SetGroup_MoneyGroup_RefusedForCurrencyTokens()
    {
        using var counter = new Counter(Store.Sqlite, CreditUnit.Money, price: """{"kind":"flat","price":"0.5000"}""");

        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Token, TokenCounter.Key()).Refusal!.Message.ShouldContain("currency tokens");
    }

    [Fact]
    public void SetGroup_BackToCardWithOpenTokenAccounts_Refused()
    {
        using var counter = new Counter(Store.Sqlite);
        counter.OpenTokenAccount();

        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Card, null).Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
    }

    [Fact]
    public void SetGroup_SameRevisionAndBaseDateAgain_Refused()
    {
        using var counter = new Counter(Store.Sqlite);
        counter.OpenTokenAccount();

        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Both, TokenCounter.Key()).Refusal!.Message.ShouldContain("never changes");
    }

    [Fact]
    public void Cashier_MaySellButNotSetKeysNorIssueManagementTokens()
    {
        using var counter = new Counter(Store.Sqlite);
        var account = counter.OpenTokenAccount();
        counter.Office.Operators.Add(counter.Admin, "cash1", "Cashier", SeedRoles.Cashier, "cash-pass-1").Refusal.ShouldBeNull();
        var cashier = counter.Office.Operators.Login("cash1", "cash-pass-1").Value;

        counter.Office.Tokens.Sell(cashier, account, Counter.Kwh(5)).Refusal.ShouldBeNull();
        counter.Office.TokenGroups.Set(cashier, Counter.Group, SupplyMedium.Token, null).Refusal!.Reason.ShouldBe(RefusalReason.NoPermission);
        counter.Office.Tokens.Manage(cashier, account, ManagementAct.ClearTamper, null, "tamper").Refusal!.Reason.ShouldBe(RefusalReason.NoPermission);
        counter.Office.Tokens.ChangeKey(cashier, account, null, null, null).Refusal!.Reason.ShouldBe(RefusalReason.NoPermission);
    }
    [Fact]
    public void Open_GroupWhoseOnlyKeyHasABaseDateNotBegun_RefusedAndNothingOpened()
    {
        using var counter = new Counter();
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Token, TokenCounter.Key(baseDate: Tokens.Data.BaseDate.Year2035)).Refusal.ShouldBeNull();

        var refused = counter.Office.Tokens.Open(counter.Admin, counter.Customer, Counter.MeterA, counter.Residential, TokenCounter.Drn);

        refused.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        refused.Refusal.Message.ShouldContain("base date not begun (2035)");
        counter.Office.Meters.List(counter.Admin).Value.Single(m => m.Number == Counter.MeterA).Status.ShouldBe(MeterStatus.Stock);
    }

    [Fact]
    public void Open_NewestKeyNotBegun_TakesTheNewestKeyWhoseBaseDateHasBegun()
    {
        using var counter = new Counter();
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Token, TokenCounter.Key(revision: 1)).Refusal.ShouldBeNull();
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Token, TokenCounter.Key(revision: 2, baseDate: Tokens.Data.BaseDate.Year2035)).Refusal.ShouldBeNull();

        var opened = counter.Office.Tokens.Open(counter.Admin, counter.Customer, Counter.MeterA, counter.Residential, TokenCounter.Drn).Value;

        (opened.Key.KeyRevision, opened.Key.BaseDate).ShouldBe((1, Tokens.Data.BaseDate.Year2014));
        counter.Office.Tokens.Sell(counter.Admin, opened.AccountId, Counter.Kwh(5)).Refusal.ShouldBeNull();
    }

    [Fact]
    public void Open_NamingTheOlderKeyAMeterInStockHolds_TakesIt_AndItsKeyChangeRollsOver()
    {
        using var counter = new Counter();
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Token, TokenCounter.Key(revision: 1, baseDate: Tokens.Data.BaseDate.Year1993)).Refusal.ShouldBeNull();
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Token, TokenCounter.Key(revision: 2)).Refusal.ShouldBeNull();

        var opened = counter.Office.Tokens.Open(counter.Admin, counter.Customer, Counter.MeterA, counter.Residential, TokenCounter.Drn, keyRevision: 1).Value;

        (opened.Key.KeyRevision, opened.Key.BaseDate).ShouldBe((1, Tokens.Data.BaseDate.Year1993));
        counter.Office.Tokens.Sell(counter.Admin, opened.AccountId, Counter.Kwh(5)).Refusal!.Message.ShouldContain("needs a key change to a key of a later base date");
        counter.Office.Tokens.ChangeKey(counter.Admin, opened.AccountId, null, null, Counter.Kwh(5)).Value.Rollover.ShouldBeTrue();
    }

    [Fact]
    public void Open_NamingAKeyTheGroupHasNot_RefusedAndNothingOpened()
    {
        using var counter = new Counter();
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Token, TokenCounter.Key()).Refusal.ShouldBeNull();

        var refused = counter.Office.Tokens.Open(counter.Admin, counter.Customer, Counter.MeterA, counter.Residential, TokenCounter.Drn, keyRevision: 3, baseDate: Tokens.Data.BaseDate.Year2014);

        (refused.Refusal!.Reason, refused.Refusal.Message).ShouldBe((RefusalReason.NotFound, $"supply group {Counter.Group} has no token key of revision 3 and base date 2014"));
        counter.Office.Meters.List(counter.Admin).Value.Single(m => m.Number == Counter.MeterA).Status.ShouldBe(MeterStatus.Stock);
    }
}
