using Dapper;
using PrepaidMeter.Vending.Domain;
using Shouldly;
using Xunit;

namespace PrepaidMeter.Vending.Tests.Audit;

public sealed class OperationLogTests
{
    [Theory, BothStores]
    public void Verify_EditedEntry_Found(Store store)
    {
        var counter = new Counter(store);
        using (var connection = counter.Database.Open())
        {
            connection.Execute("UPDATE operation_log SET detail = 'nothing to see' WHERE seq = 3");
        }

        var findings = counter.Office.Maintenance.Audit(counter.Admin).Value.Findings;

        findings.ShouldContain(f => f.Where == "entry 3" && f.Problem.Contains("edited"));
        Should.Throw<ShouldAssertException>(counter.Dispose);
    }

    [Theory, BothStores]
    public void Verify_DeletedEntry_Found(Store store)
    {
        var counter = new Counter(store);
        using (var connection = counter.Database.Open())
        {
            connection.Execute("DELETE FROM operation_log WHERE seq = 4");
        }

        var findings = counter.Office.Maintenance.Audit(counter.Admin).Value.Findings;

        findings.ShouldContain(f => f.Where == "entry 5" && f.Problem.Contains("missing"));
        Should.Throw<ShouldAssertException>(counter.Dispose);
    }

    [Theory, BothStores]
    public void CleanLog_OldEntriesRemoved_ChainStillVerifies(Store store)
    {
        using var counter = new Counter(store);
        counter.Time.Advance(TimeSpan.FromDays(60));
        counter.Office.Customers.Register(counter.Admin, new CustomerDetails("Zhou", "", "", "", "", "", "")).Success.ShouldBeTrue();

        var removed = counter.Office.Maintenance.CleanLog(counter.Admin, counter.Time.GetUtcNow().AddDays(-30));

        removed.Value.ShouldBeGreaterThan(5);
        counter.Office.Maintenance.Audit(counter.Admin).Value.Findings.ShouldBeEmpty();
        counter.Office.Maintenance.CleanLog(counter.Admin, counter.Time.GetUtcNow()).Refusal!.Message.ShouldContain("30 days");
    }
}
