using System.Security.Cryptography;
using System.Text;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Tests.Storage;

/// <summary>Schema step 7 (partners.max_amount) on books written before it: their partners keep working, with no ceiling of their own.</summary>
public sealed class PartnerCeilingMigrationTests
{
    [Theory, BothStores]
    public void Migrate_BooksOfStepSixWithAPartner_AddsNoCeilingAndThePartnersKeyStillTakesPayments(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Money);
        counter.OpenAccount();
        const string key = "pmk_written_before_step_7";
        using (var connection = counter.Database.Open())
        {
            // The books as step 6 left them: no max_amount column, a partner registered then.
            connection.Execute("ALTER TABLE partners DROP COLUMN max_amount; DELETE FROM schema_version WHERE version = 7");
            connection.Execute(
                "INSERT INTO partners (name, key_hash, disabled, created_at, created_by) VALUES ('Old Bank', @hash, 0, '2026-01-01T00:00:00.000Z', 'admin')",
                new { hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) });
        }

        counter.Database.SchemaVersion().ShouldBe(6);
        counter.Database.Migrate();

        counter.Database.SchemaVersion().ShouldBe(Migrations.Steps[^1].Version);
        Migrations.Steps[^1].Version.ShouldBe(7);
        using (var connection = counter.Database.Open())
        {
            connection.ExecuteScalar<long?>("SELECT max_amount FROM partners WHERE name = 'Old Bank'").ShouldBeNull();
        }

        counter.Office.Payments.Take(key, new PaymentRequest("old-1", counter.Customer, null, Money.FromUnits(999), "")).Success.ShouldBeTrue();
    }
}
