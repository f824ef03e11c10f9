using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrepaidMeter.Cli.Tests.Api;
using PrepaidMeter.Web.Payments;
using static PrepaidMeter.Cli.Tests.Api.ApiSite;

namespace PrepaidMeter.Web.Tests.Payments;

/// <summary>
/// The partners' payment API over real HTTP on 127.0.0.1, on a SQLite file and on a PostgreSQL server:
/// a bank posts payments with its key and idempotency keys, and the counter writes them to the card
/// at the customer's next visit (`prepaid vend collect`), where the meter loads them. It listens on this machine
/// unless told otherwise, and says when it is told otherwise.
/// </summary>
public sealed class PaymentApiTests : OneSiteTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Post_SamePaymentAHundredTimesAtOnce_TakenOnce_ThenCollectedOntoTheCardAndLoaded(string store)
    {
        await SetUpAccount(store);
        var key = await AddPartner("River Bank");
        await using var api = await StartAsync();
        using var http = Client(api, key);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await Post(http, "bank-batch-7", new { customer = "1", amount = "20.00", reference = "teller 3" });
        })).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(posts);

        var statuses = string.Join(", ", responses.GroupBy(r => r.StatusCode).Select(g => $"{g.Count()}× {(int)g.Key}"));
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1, statuses);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK && r.Headers.GetValues("Idempotent-Replayed").Single() == "true").ShouldBe(99, statuses);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        bodies.Select(b => b.GetProperty("id").GetInt64()).Distinct().Count().ShouldBe(1);
        var asked = await http.GetFromJsonAsync<JsonElement>("/v1/payments/bank-batch-7");
        asked.GetProperty("status").GetString().ShouldBe("credited");
        asked.GetProperty("amount").GetString().ShouldBe("20.00");

        var waiting = await Vend("--json", "payments", "waiting", "--account", "1");
        JsonDocument.Parse(waiting.Out).RootElement.GetArrayLength().ShouldBe(1);
        var collected = await Vend("--card", "li", "collect");
        collected.Exit.ShouldBe(0, collected.Err);
        collected.Out.ShouldContain("money             20.00");
        (await http.GetFromJsonAsync<JsonElement>("/v1/payments/bank-batch-7")).GetProperty("status").GetString().ShouldBe("applied");
        await Swipe("Loaded");
        (await Vend("--card", "li", "collect")).Err.ShouldContain("no partner payment waits for account 1");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Post_WrongKeyMissingIdempotencyKeyBadAmountOrNobody_RefusedWithStatusAndReason(string store)
    {
        await SetUpAccount(store);
        var key = await AddPartner("River Bank");
        await using var api = await StartAsync();
        using var http = Client(api, key);
        using var stranger = Client(api, "pmk_0000");

        var wrongKey = await Post(stranger, "k1", new { customer = "1", amount = "5.00" });
        var noKey = await http.PostAsJsonAsync("/v1/payments", new { customer = "1", amount = "5.00" });
        var badAmount = await Post(http, "k2", new { customer = "1", amount = "5.001" });
        var nobody = await Post(http, "k3", new { customer = "77", amount = "5.00" });
        (await Post(http, "k4", new { customer = "1", amount = "5.00" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var reused = await Post(http, "k4", new { customer = "1", amount = "6.00" });

        wrongKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        noKey.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Error(noKey)).ShouldContain("Idempotency-Key header is required");
        badAmount.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        nobody.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Error(nobody)).ShouldBe("customer 77 has no open account");
        reused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Error(reused)).ShouldContain("was used for a different payment (amount 5.00, not 6.00)");
        (await Vend("--json", "payments", "waiting", "--account", "1")).Out.ShouldContain("\"idempotencyKey\": \"k4\"");
    }

    [Fact]
    public void Build_Default_ListensOnThisMachineOnly() => PaymentApi.DefaultListen.ShouldStartWith("127.0.0.1:");

    [Theory]
    [InlineData("0.0.0.0:5080", true)]
    [InlineData("[::]:5080", true)]
    [InlineData("*:5080", true)]
    [InlineData("192.168.1.10:5080", true)]
    [InlineData("payments.example:5080", true)]
    [InlineData("127.0.0.1:5080", false)]
    [InlineData("127.0.0.2:5080", false)]
    [InlineData("localhost:5080", false)]
    [InlineData("[::1]:5080", false)]
    public void InClearWarning_ListenAddress_WarnsOffLoopbackOnly(string listen, bool warns)
    {
        var warning = PaymentApi.InClearWarning(listen);

        if (warns)
        {
            warning.ShouldBe($"the payment API on {listen} speaks plain HTTP to other machines: partners' API keys and payments cross the network in clear; put it behind a TLS reverse proxy");
        }
        else
        {
            warning.ShouldBeNull();
        }
    }

    private static async Task<string> Error(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
}
