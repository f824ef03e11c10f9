using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>
/// `vend audit clean` removes entries older than 30 days and refuses when there are none, but the CLI runs on the
/// system clock: the set-up writes one old entry through the services instead — the administrator's login on a clock
/// set 60 days back, keyed with the site's audit key like every entry — and names a cut-off 31 days back.
/// </summary>
internal static class BackDated
{
    public static Task LogInSixtyDaysAgo(Books books)
    {
        var now = TimeProvider.System.GetUtcNow();
        var database = VendingDatabase.Connect(books.Db);
        var keyId = new BackOffice(database).Site.AuditKeyId().ShouldNotBeNull();
        var text = string.Join('\n', File.ReadAllLines(AuditKeyFiles.DefaultPath(keyId)).Where(line => !line.StartsWith('#')));
        var key = AuditKey.Parse(text, out var problem).ShouldNotBeNull(problem);
        var office = new BackOffice(database, new BackOfficeOptions { AuditKey = key, Time = new FakeTimeProvider(now.AddDays(-60)) });
        office.Operators.Login(Operators.Admin, Operators.AdminPassword).Success.ShouldBeTrue();
        books["before"] = now.AddDays(-31).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }
}
