using Dapper;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests.Audit;

/// <summary>The audit's rules one by one: the chain, the key, anchors, clean-up and its checkpoint, and what covers what.</summary>
public sealed class OperationLogTests
{
    [Theory, BothStores]
    public void Verify_EditedEntry_Found(Store store)
    {
        using var counter = new Counter(store) { Tampered = true };
        Execute(counter, "UPDATE operation_log SET detail = 'nothing to see' WHERE seq = 3");

        counter.Audit().Findings.ShouldContain(f => f.Where == "entry 3" && f.Problem.Contains("edited"));
    }

    [Theory, BothStores]
    public void Verify_DeletedEntry_Found(Store store)
    {
        using var counter = new Counter(store) { Tampered = true };
        Execute(counter, "DELETE FROM operation_log WHERE seq = 4");

        counter.Audit().Findings.ShouldContain(f => f.Where == "entry 5" && f.Problem.Contains("missing"));
    }

    [Theory, BothStores]
    public void Verify_EveryEntryOfASale_CoversTheSaleTheAccountAndTheSite(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));

        var entry = counter.Office.Queries.OperationLog(counter.Admin, new QueryFilter()).Value.Last(e => e.Action == "sale opening");

        entry.Detail.ShouldContain($"receipt {opening.ReceiptNumber}");
        entry.Detail.ShouldNotContain("kWh kWh");
        entry.Covers.ShouldBe(4, "the sale, its account, the meter it installed, and the site's receipt counter");
    }

    [Theory, BothStores]
    public void Verify_WithoutTheKey_ChecksLinksAndRowsButSaysItCouldNotAuthenticate(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenAccount();
        using var connection = counter.Database.Open();

        var unkeyed = AuditVerifier.Verify(connection, key: null);

        unkeyed.Findings.ShouldBeEmpty();
        unkeyed.Authenticated.ShouldBeFalse();
        unkeyed.Rows.ShouldBeGreaterThan(8);
        using var stranger = AuditKey.Generate();
        AuditVerifier.Verify(connection, stranger).Findings.ShouldContain(f => f.Where == "audit key" && f.Problem.Contains("is not the one the site records"));
    }

    [Theory, BothStores]
    public void Write_WithoutTheKeyOrWithAnotherSitesKey_IsRefusedAndChangesNothing(Store store)
    {
        using var counter = new Counter(store);
        var readOnly = new BackOffice(counter.Database, new BackOfficeOptions { Time = counter.Time, PasswordIterations = 1_000 });
        using var stranger = AuditKey.Generate();
        var wrongKey = new BackOffice(counter.Database, new BackOfficeOptions { Time = counter.Time, PasswordIterations = 1_000, AuditKey = stranger });

        var session = readOnly.Operators.Login("admin", Counter.Password).Value;
        session.IsReadOnly.ShouldBeTrue();
        readOnly.Customers.Search(session, "Li").Value.ShouldNotBeEmpty();
        readOnly.Customers.Register(session, new CustomerDetails("Zhou", "", "", "", "", "", "")).Refusal!.Reason.ShouldBe(RefusalReason.AuditKey);
        wrongKey.Operators.Login("admin", Counter.Password).Refusal!.Message.ShouldContain("is not this site's");
        counter.Office.Customers.Search(counter.Admin, "Zhou").Value.ShouldBeEmpty();
    }

    [Theory, BothStores]
    public void Anchor_LogRolledBackBehindIt_IsFound(Store store)
    {
        using var counter = new Counter(store) { Tampered = true };
        counter.OpenAccount();
        var anchor = counter.Office.Maintenance.Anchor(counter.Admin).Value;
        var line = Anchors.Format(anchor);
        var anchors = Anchors.Parse(line + "\n");
        anchors.Single().Anchor.ShouldBe(anchor);
        anchor.SignatureHolds.ShouldBeTrue();
        counter.Audit(anchors).Findings.ShouldBeEmpty();

        // The whole tail from the anchored entry on is cut and the head rolled back: every link still holds.
        Execute(counter, "DELETE FROM operation_log WHERE seq >= @Seq", new { anchor.Seq });
        using (var connection = counter.Database.Open())
        {
            var last = connection.QuerySingle<(long Seq, string Hash)>("SELECT seq, hash FROM operation_log ORDER BY seq DESC LIMIT 1");
            connection.Execute("UPDATE site SET log_seq = @Seq, log_hash = @Hash", new { last.Seq, last.Hash });
        }

        counter.Audit(anchors).Findings.ShouldContain(f => f.Where == "anchor on line 1" && f.Problem.Contains("rolled back"));
    }

    [Theory, BothStores]
    public void Anchor_EditedOrSignedByAnotherKey_IsFound(Store store)
    {
        using var counter = new Counter(store);
        var anchor = counter.Office.Maintenance.Anchor(counter.Admin).Value;
        using var stranger = AuditKey.Generate();
        var foreign = Anchors.Sign(stranger, new LogHead(anchor.Seq, anchor.Hash), counter.Time.GetUtcNow());
        var edited = anchor with { Hash = OperationLog.Genesis };

        var findings = counter.Audit(Anchors.Parse($"{Anchors.Format(edited)}\n{Anchors.Format(foreign)}\nnot json\n")).Findings;

        findings.Select(f => f.Where).ShouldBe(["anchor on line 1", "anchor on line 2", "anchor on line 3"]);
        findings[0].Problem.ShouldContain("signature does not hold");
        findings[1].Problem.ShouldContain($"signed by key {stranger.Id}");
        findings[2].Problem.ShouldStartWith("not an anchor");
    }

    [Theory, BothStores]
    public void CleanLog_OldEntriesRemoved_RowsStayCoveredAndTheSignedCheckpointVerifies(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount();
        var anchor = counter.Office.Maintenance.Anchor(counter.Admin).Value;
        counter.Time.Advance(TimeSpan.FromDays(60));
        counter.Office.Customers.Register(counter.Admin, new CustomerDetails("Zhou", "", "", "", "", "", "")).Success.ShouldBeTrue();

        var removed = counter.Office.Maintenance.CleanLog(counter.Admin, counter.Time.GetUtcNow().AddDays(-30));

        removed.Value.ShouldBeGreaterThan(5);
        counter.Audit(Anchors.Parse(Anchors.Format(anchor))).Findings.ShouldBeEmpty();
        counter.Office.Maintenance.CleanLog(counter.Admin, counter.Time.GetUtcNow()).Refusal!.Message.ShouldContain("30 days");

        // The sale's row stays covered by the digest the removed entry recorded: an edit of it is still found.
        counter.Tampered = true;
        Execute(counter, "UPDATE sales SET money = money + 1 WHERE id = @SaleId", opening);
        counter.Audit().Findings.ShouldContain(f => f.Where == $"sales {opening.SaleId}");
    }

    [Theory, BothStores]
    public void CleanLog_OnBooksThatDoNotVerify_IsRefusedAndRemovesNothing(Store store)
    {
        using var counter = new Counter(store) { Tampered = true };
        counter.Time.Advance(TimeSpan.FromDays(60));
        Execute(counter, "UPDATE supply_groups SET purchase_limit = 1");

        counter.Office.Maintenance.CleanLog(counter.Admin, counter.Time.GetUtcNow().AddDays(-30)).Refusal!.Message.ShouldContain("do not verify");

        counter.Audit().Entries.ShouldBe(counter.Office.Maintenance.Head(counter.Admin).Value.Seq);
    }

    [Theory, BothStores]
    public void CleanLog_ByTheAuditor_IsRefused_ItIsAnAdministratorsFunction(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.Operators.Add(counter.Admin, "audit", "Auditor", SeedRoles.Auditor, "auditor-pass").Success.ShouldBeTrue();
        var auditor = counter.Office.Operators.Login("audit", "auditor-pass").Value;
        counter.Time.Advance(TimeSpan.FromDays(60));

        counter.Office.Maintenance.CleanLog(auditor, counter.Time.GetUtcNow().AddDays(-30)).Refusal!.Reason.ShouldBe(RefusalReason.NoPermission);
        counter.Office.Maintenance.Audit(auditor).Value.Intact.ShouldBeTrue();
        counter.Office.Maintenance.Anchor(auditor).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public void District_OnBooksWithRealSales_IsRefused_OnEmptyBooksWrittenCoveredAndLogged(Store store)
    {
        var shape = new DistrictShape(12, 3, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), 4);
        using (var counter = new Counter(store))
        {
            var written = counter.Office.District.Write(counter.Admin, Counter.Group, counter.Residential, shape).Value;
            written.Customers.ShouldBe(12);
            counter.Office.Queries.OperationLog(counter.Admin, new QueryFilter()).Value[^1].Covers.ShouldBeGreaterThan(12 * 3);
            counter.Audit().Intact.ShouldBeTrue();
        }

        using (var counter = new Counter(store))
        {
            counter.OpenAccount();
            counter.Office.District.Write(counter.Admin, Counter.Group, counter.Residential, shape).Refusal!.Message.ShouldContain("real sale");
            counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
            var cashier = counter.Office.Operators.Login("wang", "cashier-pass").Value;
            counter.Office.District.Write(cashier, Counter.Group, counter.Residential, shape).Refusal!.Reason.ShouldBe(RefusalReason.NoPermission);
        }
    }

    [Theory, BothStores]
    public void DailyReport_PrintsTheLogsHead(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenAccount();
        var head = counter.Office.Maintenance.Head(counter.Admin).Value;

        var daily = counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Daily, new ReportFilter()).Value;

        daily.Notes.ShouldContain($"operation log head: entry {head.Seq}, hash {head.Hash} (sign it with 'prepaid vend audit anchor')");
    }

    private static void Execute(Counter counter, string sql, object? parameters = null)
    {
        using var connection = counter.Database.Open();
        connection.Execute(sql, parameters);
    }
}
