using System.Net;
using Dapper;
using PrepaidMeter.Vending.Storage;
using static PrepaidMeter.Cli.Tests.Api.ApiSite;

namespace PrepaidMeter.Cli.Tests.Api;

/// <summary>
/// `prepaid vend collect` with payments that cannot all go on the card at once: it writes those that fit, oldest first,
/// says in one line on stderr what it left waiting and why, and exits 2 with that sentence when none fits — never a crash.
/// </summary>
public sealed class PaymentCollectCommandTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Collect_PaymentsOverTheLimitTogether_WritesTheOldestThatFitAndSaysWhatWaits_ThenExits2WhenNoneFits(string store)
    {
        using var site = await CreateAsync(store);
        var key = await site.AddPartner("River Bank");
        await using (var api = await site.StartAsync())
        {
            using var http = Client(api, key);
            // Together 499.50, the limit's price: taken. On the card, 999 kWh on top of the 10 kWh the meter holds would pass it.
            (await Post(http, "k1", new { customer = "1", amount = "300.00" })).StatusCode.ShouldBe(HttpStatusCode.Created);
            (await Post(http, "k2", new { customer = "1", amount = "199.50" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var partly = await site.Vend("--card", "li", "collect");

        partly.Exit.ShouldBe(0, partly.Err);
        partly.Out.ShouldContain("money             300.00");
        partly.Err.Trim().ShouldStartWith(
            "prepaid: warning: 1 partner payment left waiting for the next visit — payment 2 (199.50 from River Bank, key 'k2'): with it the sale would be 499.50: the meter last held ");
        partly.Err.Trim().ShouldEndWith("with 999.00 kWh it would pass the purchase limit of 999.00 kWh");
        partly.Err.Trim().Split('\n').Length.ShouldBe(1);

        await site.Swipe("Loaded");
        var none = await site.Vend("--card", "li", "collect");

        none.Exit.ShouldBe(2);
        none.Err.ShouldStartWith(
            "prepaid: nothing was written to the card: 1 partner payment left waiting for the next visit — payment 2 (199.50 from River Bank, key 'k2'): with it the sale would be 199.50: the meter last held ");
        (await site.Vend("--json", "payments", "waiting", "--account", "1")).Out.ShouldContain("\"idempotencyKey\": \"k2\"");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Collect_PaymentsTakenBeforeTheLimitsSummingPastTheLargestMoney_WritesWhatFitsAndNeverThrows(string store)
    {
        using var site = await CreateAsync(store);
        var key = await site.AddPartner("River Bank");
        await using (var api = await site.StartAsync())
        {
            using var http = Client(api, key);
            (await Post(http, "small", new { customer = "1", amount = "20.00" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // Two payments as the API took them before schema step 7 gave it limits: the largest money each.
        using (var connection = VendingDatabase.Connect(site.Db).Open())
        {
            foreach (var old in new[] { "old-1", "old-2" })
            {
                connection.Execute(
                    """
                    INSERT INTO payments (partner_id, idempotency_key, account_id, amount, reference, status, received_at)
                    SELECT partner_id, @old, account_id, @largest, '', 'credited', received_at FROM payments WHERE idempotency_key = 'small'
                    """,
                    new { old, largest = PrepaidMeter.Core.Money.MaxHundredths });
            }
        }

        var partly = await site.Vend("--card", "li", "collect");

        partly.Exit.ShouldBe(0, partly.Err);
        partly.Out.ShouldContain("money             20.00");
        partly.Err.Trim().ShouldBe("prepaid: warning: 2 partner payments left waiting for the next visit — "
            + "payment 2 (999999999999.99 from River Bank, key 'old-1'): with it the sum would pass the largest amount of money, 999999999999.99; "
            + "payment 3 (999999999999.99 from River Bank, key 'old-2'): with it the sum would pass the largest amount of money, 999999999999.99");

        await site.Swipe("Loaded");
        var none = await site.Vend("--card", "li", "collect");

        none.Exit.ShouldBe(2, none.Err);
        none.Err.ShouldStartWith("prepaid: nothing was written to the card: 2 partner payments left waiting for the next visit — payment 2 (999999999999.99 from River Bank, key 'old-1'): ");
    }
}
