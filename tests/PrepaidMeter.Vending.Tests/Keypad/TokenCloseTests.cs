using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Readings;
using PrepaidMeter.Vending.Tests.Readings;

namespace PrepaidMeter.Vending.Tests.Keypad;

/// <summary>Closing a token account (docs/vending.md, "Keypad tokens", TC1–TC5), on both providers.</summary>
public sealed class TokenCloseTests
{
    private static async Task ReadOverTheLink(Counter counter, long remaining)
    {
        var link = new ScriptedMeterLink(counter.Time).Answers(Counter.MeterA, loaded: 0, remaining: remaining, energy: 4_000);
        (await counter.Office.Rounds.RunAsync(counter.Admin, RoundScope.List([Counter.MeterA]), link)).Value.Stored.ShouldBe(1);
    }

    [Theory]
    [BothStores]
    public async Task Close_OnALinkReadingSinceTheLastToken_RefundsWhatTheCreditCostAndTheMetersTidsGoOn(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(20)).Refusal.ShouldBeNull();
        var last = counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(10)).Value;
        counter.Time.Advance(TimeSpan.FromHours(1));
        await ReadOverTheLink(counter, remaining: 1_500);

        var closed = counter.Office.Tokens.Close(counter.Admin, account);

        closed.Refusal.ShouldBeNull();
        var closing = closed.Value;
        // 15 kWh left, last in first out: the last 10 kWh at 0.50 (5.00), then 5 of the first 20 at 0.50 (2.50).
        (closing.Remaining, closing.CreditValue, closing.Rule, closing.Refunded, closing.ReadingSource)
            .ShouldBe((TokenCounter.Kwh(15), Money.FromHundredths(750), ClosingRule.Refund, Money.FromHundredths(750), "link"));
        closing.ReceiptNumber.ShouldNotBeNull();
        closing.CardSerial.ShouldBe(CardSerial.From(0));
        counter.Office.Ledger.Book(counter.Admin, account).Value.Status.ShouldBe(AccountStatus.Closed);
        counter.Office.Ledger.Check(counter.Admin).Value.Agree.ShouldBeTrue();
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(1)).Refusal!.Message.ShouldContain("no open account");

        // The meter is in stock again; its next token account goes on after the closed one's TIDs (A5).
        var next = counter.Office.Tokens.Open(counter.Admin, counter.Customer, Counter.MeterA, counter.Residential, TokenCounter.Drn);
        next.Refusal.ShouldBeNull();
        next.Value.LastTid.ShouldBe(last.Token!.Tid);
    }

    [Theory]
    [BothStores]
    public async Task Close_ReadingOlderThanTheLastToken_RefusedAndNothingChanges(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        await ReadOverTheLink(counter, remaining: 0);
        counter.Time.Advance(TimeSpan.FromMinutes(5));
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(10)).Refusal.ShouldBeNull();

        var refused = counter.Office.Tokens.Close(counter.Admin, account);

        refused.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        refused.Refusal.Message.ShouldContain($"no link reading of meter {Counter.MeterA} since its last token");
        counter.Office.Accounts.Get(counter.Admin, account).Value.Status.ShouldBe(AccountStatus.Open);
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(1)).Refusal.ShouldBeNull();
    }

    [Fact]
    public async Task Close_KeepRule_RecordsTheValueAndPaysNothingBack()
    {
        using var counter = new Counter(Store.Sqlite);
        counter.Office.Closings.SetRule(counter.Admin, ClosingRule.Keep).Refusal.ShouldBeNull();
        var account = counter.OpenTokenAccount();
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(10)).Refusal.ShouldBeNull();
        await ReadOverTheLink(counter, remaining: 400);

        var closing = counter.Office.Tokens.Close(counter.Admin, account).Value;

        (closing.CreditValue, closing.Refunded, closing.ReceiptNumber).ShouldBe((Money.FromHundredths(200), Money.Zero, (long?)null));
    }

    [Fact]
    public async Task Close_CardAccount_RefusedNamingTheCardClosing()
    {
        using var counter = new Counter(Store.Sqlite);
        var (receipt, _) = counter.OpenAccount(Counter.Kwh(5));
        await ReadOverTheLink(counter, remaining: 500);

        var refused = counter.Office.Tokens.Close(counter.Admin, receipt.AccountId);

        refused.Refusal!.Message.ShouldContain("is a card account: close it with its user card in the reader ('vend close account')");
        counter.Office.Accounts.Get(counter.Admin, receipt.AccountId).Value.Status.ShouldBe(AccountStatus.Open);
    }

    [Fact]
    public async Task Close_Twice_SecondRefused()
    {
        using var counter = new Counter(Store.Sqlite);
        var account = counter.OpenTokenAccount();
        await ReadOverTheLink(counter, remaining: 0);
        counter.Office.Tokens.Close(counter.Admin, account).Refusal.ShouldBeNull();

        counter.Office.Tokens.Close(counter.Admin, account).Refusal!.Message.ShouldBe($"account {account} is closed: only an open account is closed");
    }
    [Theory]
    [BothStores]
    public async Task Close_TokensRoundedUp_TheRoundingIsValuedAtItsPurchasesPriceNotPaidBackBeyondIt(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(12.34m)).Refusal.ShouldBeNull();
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(12.34m)).Refusal.ShouldBeNull();
        await ReadOverTheLink(counter, remaining: 1_240);

        var closing = counter.Office.Tokens.Close(counter.Admin, account).Value;

        // The last token carried 12.40 kWh for 6.17: all of it left is worth 6.17, not 12.40 kWh at the paid 12.34's price.
        (closing.CreditValue, closing.Refunded).ShouldBe((Money.FromHundredths(617), Money.FromHundredths(617)));
        var byMedium = counter.Office.Reports.Classified(counter.Admin, PrepaidMeter.Vending.Reports.Classification.Medium, new PrepaidMeter.Vending.Reports.ReportFilter()).Value;
        byMedium.Rows.ShouldHaveSingleItem()[0].Format(byMedium.Columns[0].Kind).ShouldBe("token", "the refund of a token account's closing is the token account's");
    }

    [Theory]
    [BothStores]
    public async Task Close_ThenReopenedAfterTheGroupGotANewKey_TheMeterKeepsTheKeyItHolds(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Both, TokenCounter.Key(revision: 2)).Refusal.ShouldBeNull();
        await ReadOverTheLink(counter, remaining: 0);
        counter.Office.Tokens.Close(counter.Admin, account).Refusal.ShouldBeNull();

        var reopened = counter.Office.Tokens.Open(counter.Admin, counter.Customer, Counter.MeterA, counter.Residential, TokenCounter.Drn).Value;
        var sold = counter.Office.Tokens.Sell(counter.Admin, reopened.AccountId, Counter.Kwh(5)).Value;

        reopened.Key.KeyRevision.ShouldBe(1, "the meter was never given revision 2");
        TokenCounter.Decode(TokenCounter.Key(), sold.Token!.Token).ShouldBeOfType<Tokens.Data.CreditToken>().Amount.Units.ShouldBe(50);
    }
}
