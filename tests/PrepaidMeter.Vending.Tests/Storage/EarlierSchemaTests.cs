using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests.Storage;

/// <summary>
/// Books written by the program before schema step 7 (partners' ceilings) and step 8 (the audit key): opened by
/// this one, they keep working, take the audit key, and verify — the old entries by their plain SHA-256 links.
/// </summary>
public sealed class EarlierSchemaTests
{
    private const string PartnerKey = "pmk_written_before_step_7";

    [Theory, BothStores]
    public void Open_BooksOfStepSix_TakeTheKeyCoverEveryRowAndVerify(Store store)
    {
        using var books = new TestDatabase(store);
        WriteStepSixBooks(books.Database);
        using var key = AuditKey.Generate();
        var office = new BackOffice(books.Database, new BackOfficeOptions { Time = new FakeTimeProvider(Some.Moment), PasswordIterations = 1_000, AuditKey = key });

        office.Open().ShouldBeNull();

        books.Database.SchemaVersion().ShouldBe(Migrations.Steps[^1].Version);
        office.Site.AuditKeyId().ShouldBe(key.Id);
        using (var connection = books.Database.Open())
        {
            connection.ExecuteScalar<long?>("SELECT max_amount FROM partners WHERE name = 'Old Bank'").ShouldBeNull();
            var audit = AuditVerifier.Verify(connection, key);
            audit.Findings.ShouldBeEmpty();
            audit.Authenticated.ShouldBeTrue();
            audit.Entries.ShouldBe(4);
        }

        // From here on every entry is keyed, and the old partner's key still takes payments (no ceiling of its own).
        var admin = office.Operators.Login("admin", "admin-pass-1").Value;
        office.Customers.Register(admin, new CustomerDetails("Li", "", "", "", "", "", "")).Success.ShouldBeTrue();
        office.Payments.Take(PartnerKey, new PaymentRequest("old-1", CustomerNumber.From(99), null, Money.FromUnits(5), "")).Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
        using (var connection = books.Database.Open())
        {
            AuditVerifier.Verify(connection, key).Findings.ShouldBeEmpty();
            connection.Execute("UPDATE operation_log SET detail = 'edited' WHERE seq = 2");
            AuditVerifier.Verify(connection, key).Findings.ShouldContain(f => f.Where == "entry 2" && f.Problem.Contains("edited"));
        }
    }

    [Theory, BothStores]
    public void Open_BooksOfStepSixWithAnEntryRewrittenAsUnkeyed_AfterTheKey_IsFound(Store store)
    {
        using var books = new TestDatabase(store);
        WriteStepSixBooks(books.Database);
        using var key = AuditKey.Generate();
        var office = new BackOffice(books.Database, new BackOfficeOptions { Time = new FakeTimeProvider(Some.Moment), PasswordIterations = 1_000, AuditKey = key });
        office.Open().ShouldBeNull();
        office.Operators.Login("admin", "admin-pass-1").Success.ShouldBeTrue();

        // Someone with the database alone rewrites the keyed login entry (5) as an old-style one they can compute.
        using var connection = books.Database.Open();
        var last = connection.QuerySingle<(string At, string PrevHash)>("SELECT at, prev_hash FROM operation_log WHERE seq = 5");
        var forged = new ChainEntry(5, last.At, "admin", "login", "admin", "role administrator", "", last.PrevHash);
        connection.Execute("UPDATE operation_log SET mac = NULL, covers = NULL, hash = @hash WHERE seq = 5; UPDATE site SET log_hash = @hash", new { hash = forged.LegacyHash() });

        AuditVerifier.Verify(connection, key).Findings.ShouldContain(f => f.Where == "entry 5" && f.Problem.Contains("not keyed"));
    }

    /// <summary>Books as the program of schema step 6 wrote them: a site, its roles and administrator, a partner, and three entries chained with plain SHA-256.</summary>
    private static void WriteStepSixBooks(VendingDatabase database)
    {
        database.Migrate(upTo: 6);
        using var connection = database.Open();
        var (hash, salt) = PasswordHasher.Hash("admin-pass-1", 1_000);
        connection.Execute(
            """
            INSERT INTO site (id, station_number, station_name, management_unit, registration_code, licence_groups, default_reader, next_receipt, next_card_serial, next_customer)
            VALUES (1, '0001', 'Old station', '', '', 4, 'memory', 1, 1, 1)
            """);
        foreach (var (name, permissions) in SeedRoles.All)
        {
            connection.Execute("INSERT INTO roles (name, permissions) VALUES (@name, @text)", new { name, text = SeedRoles.Format(permissions) });
        }

        connection.Execute(
            """
            INSERT INTO operators (login, name, role, password_hash, password_salt, password_iterations, failed_logins, locked, disabled, created_at)
            VALUES ('admin', 'Administrator', 'administrator', @hash, @salt, 1000, 0, 0, 0, '2026-01-01T00:00:00.0000000Z')
            """, new { hash, salt });
        connection.Execute(
            "INSERT INTO partners (name, key_hash, disabled, created_at, created_by) VALUES ('Old Bank', @hash, 0, '2026-01-01T00:00:00.0000000Z', 'admin')",
            new { hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PartnerKey))) });
        var previous = OperationLog.Genesis;
        var entries = new[] { ("init", "0001", "site 'Old station'"), ("login", "admin", "role administrator"), ("partner add", "Old Bank", "partner 1; API key issued") };
        for (var i = 0; i < entries.Length; i++)
        {
            var (action, subject, detail) = entries[i];
            var entry = new ChainEntry(i + 1, $"2026-01-01T00:00:0{i}.0000000Z", "admin", action, subject, detail, "", previous);
            previous = entry.LegacyHash();
            connection.Execute("INSERT INTO operation_log (seq, at, operator, action, subject, detail, prev_hash, hash) VALUES (@Seq, @At, @Operator, @Action, @Subject, @Detail, @PrevHash, @previous)",
                new { entry.Seq, entry.At, entry.Operator, entry.Action, entry.Subject, entry.Detail, entry.PrevHash, previous });
        }

        connection.Execute("UPDATE site SET log_seq = 3, log_hash = @previous", new { previous });
    }
}
