using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Setup;

namespace PrepaidMeter.Vending.Tests.Setup;

public sealed class DictionaryServiceTests
{
    private static CustomerDetails Filed(string region = "North", string line = "L1", string area = "T1", string category = "residential") =>
        new("Zhang San", "", "2 Hill Road", region, line, area, category);

    [Theory, BothStores]
    public void CustomerAdd_ListWithEntries_RefusesAValueNotInItNamingTheListAndItsEntries(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Dictionary.Add(counter.Admin, SiteList.Region, "North").Success.ShouldBeTrue();
        counter.Office.Dictionary.Add(counter.Admin, SiteList.Region, "South").Success.ShouldBeTrue();

        var refused = counter.Office.Customers.Register(counter.Admin, Filed(region: "East"));

        refused.Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        refused.Refusal.Message.ShouldBe("region 'East' is not in the site's list (vend dictionary list --list region): North, South");
        counter.Office.Customers.Register(counter.Admin, Filed(region: "South")).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public void CustomerAdd_EmptyListOrEmptyValue_IsAccepted(Store store)
    {
        // Only the region list has entries: any line, area and category still goes, and an empty region too.
        using var counter = new Counter(store);
        counter.Office.Dictionary.Add(counter.Admin, SiteList.Region, "North").Success.ShouldBeTrue();

        counter.Office.Customers.Register(counter.Admin, Filed(line: "anything", area: "at all", category: "free text")).Success.ShouldBeTrue();
        counter.Office.Customers.Register(counter.Admin, Filed(region: "")).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public void CustomerChange_ValueNotInTheList_IsRefusedAndTheCustomerUnchanged(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Dictionary.Add(counter.Admin, SiteList.Category, "residential").Success.ShouldBeTrue();

        var refused = counter.Office.Customers.Change(counter.Admin, counter.Customer, Filed(category: "commercial"));

        refused.Refusal!.Message.ShouldStartWith("category 'commercial' is not in the site's list");
        counter.Office.Customers.Get(counter.Admin, counter.Customer).Value.Details.Category.ShouldBe("residential");
    }

    [Theory, BothStores]
    public void Retire_NewFilingRefused_ButACustomerAlreadyFiledKeepsItOnChange(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Dictionary.Add(counter.Admin, SiteList.Line, "L1").Success.ShouldBeTrue();
        counter.Office.Dictionary.Add(counter.Admin, SiteList.Line, "L2").Success.ShouldBeTrue();

        counter.Office.Dictionary.Retire(counter.Admin, SiteList.Line, "L1").Value.Retired.ShouldBeTrue();

        counter.Office.Customers.Register(counter.Admin, Filed(line: "L1")).Refusal!.Message
            .ShouldBe("line 'L1' is retired (vend dictionary list --list line): L2");
        // The counter's customer is on L1: changing the contact keeps the retired line.
        counter.Office.Customers.Change(counter.Admin, counter.Customer, Filed(line: "L1") with { Name = "Li Wei", Contact = "555" }).Success.ShouldBeTrue();
        counter.Office.Dictionary.Retire(counter.Admin, SiteList.Line, "L1").Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
    }

    [Theory, BothStores]
    public void Add_RetiredName_BringsItBack_AndAnotherCaseOfANameIsAConflict(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Dictionary.Add(counter.Admin, SiteList.Region, "North").Success.ShouldBeTrue();
        counter.Office.Dictionary.Retire(counter.Admin, SiteList.Region, "North").Success.ShouldBeTrue();

        counter.Office.Dictionary.Add(counter.Admin, SiteList.Region, "North").Value.Retired.ShouldBeFalse();

        counter.Office.Dictionary.Add(counter.Admin, SiteList.Region, "NORTH").Refusal!.Message.ShouldBe("the region list already has 'North'");
        counter.Office.Dictionary.List(counter.Admin, SiteList.Region).Value.ShouldHaveSingleItem().ShouldBe(new DictionaryEntry(1, SiteList.Region, "North", false));
    }

    [Theory, BothStores]
    public void Add_BadName_IsRefused(Store store)
    {
        using var counter = new Counter(store);

        foreach (var name in new[] { "", "  ", " North", "North ", "a\tb", new string('x', DictionaryService.MaxName + 1) })
        {
            counter.Office.Dictionary.Add(counter.Admin, SiteList.Region, name).Refusal!.Reason.ShouldBe(RefusalReason.Invalid, $"'{name}'");
        }

        counter.Office.Dictionary.Add(counter.Admin, SiteList.Region, new string('x', DictionaryService.MaxName)).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public void Rename_RewritesTheCustomersAndSummaryMetersFiledUnderIt_AndTheBooksVerify(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Dictionary.Add(counter.Admin, SiteList.Line, "L1").Success.ShouldBeTrue();
        var other = counter.Office.Customers.Register(counter.Admin, Filed(line: "")).Value.Number;
        counter.Office.Branches.Add(counter.Admin, BranchKind.Line, "L1", "S1").Success.ShouldBeTrue();

        var renamed = counter.Office.Dictionary.Rename(counter.Admin, SiteList.Line, "L1", "Line 1").Value;

        renamed.ShouldBe(new DictionaryRename(new DictionaryEntry(1, SiteList.Line, "Line 1", false), "L1", 1, 1));
        counter.Office.Customers.Get(counter.Admin, counter.Customer).Value.Details.Line.ShouldBe("Line 1");
        counter.Office.Customers.Get(counter.Admin, other).Value.Details.Line.ShouldBe("");
        counter.Office.Branches.List(counter.Admin).Value.ShouldHaveSingleItem().Branch.ShouldBe("Line 1");
        counter.VerifyLog().ShouldBeEmpty();
    }

    [Theory, BothStores]
    public void Rename_ToANameTheListHas_OrFromOneItLacks_IsRefusedAndNothingChanges(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Dictionary.Add(counter.Admin, SiteList.Region, "North").Success.ShouldBeTrue();
        counter.Office.Dictionary.Add(counter.Admin, SiteList.Region, "South").Success.ShouldBeTrue();

        counter.Office.Dictionary.Rename(counter.Admin, SiteList.Region, "North", "south").Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        counter.Office.Dictionary.Rename(counter.Admin, SiteList.Region, "West", "East").Refusal!.Reason.ShouldBe(RefusalReason.NotFound);

        counter.Office.Customers.Get(counter.Admin, counter.Customer).Value.Details.Region.ShouldBe("North");
    }

    [Theory, BothStores]
    public void ReportFilter_ADictionaryNameNoCustomerHasYet_IsAcceptedAndEmpty(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Reports.Registration(counter.Admin, new ReportFilter { Region = "Far East" }).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        counter.Office.Dictionary.Add(counter.Admin, SiteList.Region, "Far East").Success.ShouldBeTrue();

        var report = counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Daily, new ReportFilter { Region = "Far East" }).Value;

        report.Rows.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public void Edits_AsACashier_AreRefused_AndListingIsAQuery(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
        var cashier = counter.Office.Operators.Login("wang", "cashier-pass").Value;

        counter.Office.Dictionary.Add(cashier, SiteList.Region, "North").Refusal!.Message.ShouldBe("operator 'wang' (role cashier) may not use 'dictionary'");

        counter.Office.Dictionary.List(cashier).Value.ShouldBeEmpty();
        SeedRoles.IsAdministrative(Permission.Dictionary).ShouldBeFalse();
    }
}
