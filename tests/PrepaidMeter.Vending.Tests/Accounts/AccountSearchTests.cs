using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Accounts;

/// <summary>The counter's search for an account: by account id, meter or customer number, or part of the customer's details.</summary>
public sealed class AccountSearchTests
{
    [Theory, BothStores]
    public void Search_ByIdMeterCustomerOrDetails_FindsTheOpenAccount(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        var second = counter.OpenAccount(Counter.Kwh(5), Counter.MeterB).Receipt.AccountId;

        string[] typed = [opening.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), "12345678", "000012345678"];
        foreach (var text in typed)
        {
            counter.Office.Accounts.Search(counter.Admin, text).Value.Select(a => a.Id).ShouldContain(opening.AccountId, text);
        }

        counter.Office.Accounts.Search(counter.Admin, "12345678").Value.Select(a => a.Id).ShouldNotContain(second);
        counter.Office.Accounts.Search(counter.Admin, counter.Customer.ToString()).Value.Select(a => a.Id).ShouldBe([opening.AccountId, second], ignoreOrder: true);
        counter.Office.Accounts.Search(counter.Admin, "river ROAD").Value.Select(a => a.Id).ShouldBe([opening.AccountId, second], ignoreOrder: true);
        counter.Office.Accounts.Search(counter.Admin, "li%").Value.ShouldBeEmpty(); // % is a character here, not a wildcard
    }

    [Theory, BothStores]
    public void Search_NothingTyped_IsRefusedSayingWhatToType(Store store)
    {
        using var counter = new Counter(store);

        var refused = counter.Office.Accounts.Search(counter.Admin, "  ");

        refused.Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        refused.Refusal.Message.ShouldStartWith("type an account id, a meter or customer number");
    }
}
