using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Maintenance;

public sealed class MaintenanceAndInputTests
{
    [Theory, BothStores]
    public void BackupThenRestore_BringsBackTheBooks(Store store)
    {
        using var counter = new Counter(store);
        using var folder = new TempFolder();
        var backup = folder.File("backup.db");
        counter.Office.Maintenance.Backup(counter.Admin, backup).Success.ShouldBeTrue();
        counter.Office.Customers.Register(counter.Admin, new CustomerDetails("After backup", "", "", "", "", "", "")).Success.ShouldBeTrue();

        counter.Office.Maintenance.Restore(counter.Admin, backup).Success.ShouldBeTrue();

        counter.Office.Customers.Search(counter.Admin, "After backup").Value.ShouldBeEmpty();
        counter.Office.Maintenance.Backup(counter.Admin, backup).Refusal!.Message.ShouldContain("never overwrites");
    }

    [Theory, BothStores]
    public void Restore_BackupOfAnotherSite_RefusedBeforeAnythingIsReplaced(Store store)
    {
        using var folder = new TempFolder();
        var backup = folder.File("other-site.db");
        using (var other = new Counter(store))
        {
            other.Office.Maintenance.Backup(other.Admin, backup).Success.ShouldBeTrue();
        }

        using var counter = new Counter(store);
        counter.Office.Customers.Register(counter.Admin, new CustomerDetails("Only here", "", "", "", "", "", "")).Success.ShouldBeTrue();

        counter.Office.Maintenance.Restore(counter.Admin, backup).Refusal!.Message.ShouldContain("is a backup of the site keyed");
        counter.Office.Customers.Search(counter.Admin, "Only here").Value.Count.ShouldBe(1);
    }

    [Theory, BothStores]
    public void Restore_FileThatIsNotABackup_RefusedAndBooksUntouched(Store store)
    {
        using var counter = new Counter(store);
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("junk.db"), "not a database");

        counter.Office.Maintenance.Restore(counter.Admin, folder.File("junk.db")).Refusal!.Message.ShouldContain("not a prepaid back-office backup");
        counter.Office.Customers.Search(counter.Admin, "Li Wei").Value.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(Store.Sqlite, "Robert'); DROP TABLE customers;--")]
    [InlineData(Store.Postgres, "Robert'); DROP TABLE customers;--")]
    [InlineData(Store.Sqlite, "%_\\' OR 1=1 --")]
    [InlineData(Store.Postgres, "%_\\' OR 1=1 --")]
    [InlineData(Store.Sqlite, "\"; DELETE FROM sales; --")]
    [InlineData(Store.Postgres, "\"; DELETE FROM sales; --")]
    public void Customer_SqlMetacharacters_StoredVerbatimAndFoundAgain(Store store, string text)
    {
        using var counter = new Counter(store);

        var customer = counter.Office.Customers.Register(counter.Admin, new CustomerDetails(text, text, text, text, text, text, text)).Value;

        counter.Office.Customers.Get(counter.Admin, customer.Number).Value.Details.ShouldBe(new CustomerDetails(text, text, text, text, text, text, text));
        counter.Office.Customers.Search(counter.Admin, text).Value.ShouldContain(c => c.Number == customer.Number);
        counter.Office.Customers.Search(counter.Admin, "Li Wei").Value.Count.ShouldBe(1);
    }

    [Theory, BothStores]
    public void Search_WildcardCharacters_MatchLiterally(Store store)
    {
        using var counter = new Counter(store);

        counter.Office.Customers.Search(counter.Admin, "%").Value.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task Sell_ZeroOrTooLargeAmount_RefusedAndNothingChanges(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);

        (await counter.Sell(PurchaseRequest.ForEnergy(Energy.Zero))).Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        (await counter.Sell(PurchaseRequest.ForMoney(Money.FromHundredths(-100)))).Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        (await counter.Sell(PurchaseRequest.ForMoney(Money.MaxValue))).Success.ShouldBeFalse();
        counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value.Count.ShouldBe(1);
    }

    [Theory, BothStores]
    public async Task OpenAccount_UnknownCustomerOrMeter_RefusedNamingIt(Store store)
    {
        using var counter = new Counter(store);
        counter.InsertBlank();

        var unknownCustomer = await counter.Office.Accounts.OpenAsync(counter.Admin, counter.Reader, CustomerNumber.From(999), Counter.MeterA, counter.Residential, Counter.Kwh(5));
        var unknownMeter = await counter.Office.Accounts.OpenAsync(counter.Admin, counter.Reader, counter.Customer, MeterNumber.From(999), counter.Residential, Counter.Kwh(5));

        unknownCustomer.Refusal!.Message.ShouldBe("no customer 999");
        unknownMeter.Refusal!.Message.ShouldBe("no meter 000000000999");
        counter.Reader.Card!.Memory.ToArray().ShouldBe(Counter.Layout.NewImage());
    }
}
