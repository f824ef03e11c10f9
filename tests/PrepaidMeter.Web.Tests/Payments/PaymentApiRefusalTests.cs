using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrepaidMeter.Testing;
using static PrepaidMeter.Cli.Tests.Api.ApiSite;

namespace PrepaidMeter.Web.Tests.Payments;

/// <summary>
/// What the payment API refuses, and how: over a limit 422, a reused key 409, a body that is not one payment's JSON 400,
/// not JSON at all 415 — and every error answer, whatever its status and whoever gives it, is JSON {"error": "..."}.
/// </summary>
public sealed class PaymentApiRefusalTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Pay_OverPurchaseLimitPartnerCeilingOrWithWhatWaits_Refused422WithReason(string store)
    {
        using var site = await CreateAsync(store);
        var river = await site.AddPartner("River Bank");
        var small = await site.AddPartner("Small Bank", "--max", "50.00");
        await using var api = await site.StartAsync();
        using var riverHttp = Client(api, river);
        using var smallHttp = Client(api, small);

        var largestMoney = await Post(riverHttp, "r1", new { customer = "1", amount = "999999999999.99" });
        var overLimit = await Post(riverHttp, "r2", new { customer = "1", amount = "499.51" });
        var overCeiling = await Post(smallHttp, "s1", new { customer = "1", amount = "50.01" });
        (await Post(smallHttp, "s2", new { customer = "1", amount = "50.00" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Post(riverHttp, "r3", new { account = 1, amount = "449.50" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var withWhatWaits = await Post(riverHttp, "r4", new { customer = "1", amount = "0.01" });

        (await Error(largestMoney, HttpStatusCode.UnprocessableEntity)).ShouldBe("999999999999.99 is over the purchase limit of account 1, 999.00 kWh, 499.50 at the price in force");
        (await Error(overLimit, HttpStatusCode.UnprocessableEntity)).ShouldBe("499.51 is over the purchase limit of account 1, 999.00 kWh, 499.50 at the price in force");
        (await Error(overCeiling, HttpStatusCode.UnprocessableEntity)).ShouldBe("50.01 is over Small Bank's ceiling of 50.00 a payment");
        (await Error(withWhatWaits, HttpStatusCode.UnprocessableEntity)).ShouldBe(
            "499.50 already waits for account 1; with 0.01 it would pass its purchase limit, 999.00 kWh, 499.50 at the price in force");
        var waiting = JsonDocument.Parse((await site.Vend("--json", "payments", "waiting", "--account", "1")).Out).RootElement;
        waiting.EnumerateArray().Select(p => p.GetProperty("idempotencyKey").GetString()).ShouldBe(["s2", "r3"]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Pay_SameKeyWithDifferentReferenceAccountOrAmount_Refused409_ExactRetryAnswers200(string store)
    {
        using var site = await CreateAsync(store);
        var key = await site.AddPartner("River Bank");
        await using var api = await site.StartAsync();
        using var http = Client(api, key);
        var first = await Post(http, "teller-3-0042", new { customer = "1", amount = "20.00", reference = "teller 3" });
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var otherReference = await Post(http, "teller-3-0042", new { customer = "1", amount = "20.00", reference = "teller 4" });
        var noReference = await Post(http, "teller-3-0042", new { customer = "1", amount = "20.00" });
        var otherAmount = await Post(http, "teller-3-0042", new { customer = "1", amount = "21.00", reference = "teller 3" });
        var otherAccount = await Post(http, "teller-3-0042", new { account = 2, amount = "20.00", reference = "teller 3" });
        var retry = await Post(http, "teller-3-0042", new { customer = "1", amount = "20.00", reference = "teller 3" });
        var retryNamingTheAccount = await Post(http, "teller-3-0042", new { account = 1, amount = "20.00", reference = "teller 3" });

        (await Error(otherReference, HttpStatusCode.Conflict)).ShouldBe(
            "idempotency key 'teller-3-0042' was used for a different payment (reference 'teller 3', not 'teller 4'); use a new key for a new payment");
        (await Error(noReference, HttpStatusCode.Conflict)).ShouldContain("was used for a different payment (reference 'teller 3', not '')");
        (await Error(otherAmount, HttpStatusCode.Conflict)).ShouldContain("was used for a different payment (amount 20.00, not 21.00)");
        (await Error(otherAccount, HttpStatusCode.Conflict)).ShouldContain("was used for a different payment (account 1, not 2)");
        foreach (var replay in new[] { retry, retryNamingTheAccount })
        {
            replay.StatusCode.ShouldBe(HttpStatusCode.OK);
            replay.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
            (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64().ShouldBe(id);
        }
    }

    [Theory]
    [InlineData("""{"customer": "1", "amount": "1.00", "amount": "900.00"}""", "amount")]
    [InlineData("""{"customer": "1", "Amount": "1.00", "amount": "900.00"}""", "amount")]
    [InlineData("""{"reference": "a", "customer": "1", "amount": "1.00", "reference": "b"}""", "reference")]
    [InlineData("""{"customer": "1", "amount": "1.00", "note": 1, "note": 2}""", "note")]
    public async Task Pay_MemberGivenTwice_Refused400NamingItAndNothingTaken(string body, string member)
    {
        using var site = await CreateAsync("sqlite");
        var key = await site.AddPartner("River Bank");
        await using var api = await site.StartAsync();
        using var http = Client(api, key);

        var twice = await PostRaw(http, "dup-1", body);

        (await Error(twice, HttpStatusCode.BadRequest)).ShouldBe($"the body gives \"{member}\" more than once: give each member once");
        (await site.Vend("payments", "waiting", "--account", "1")).Out.ShouldContain("(none)");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Api_EveryErrorStatus_AnswersJsonWithAnErrorSentence(string store)
    {
        using var site = await CreateAsync(store);
        var key = await site.AddPartner("River Bank");
        var closed = await site.AddPartner("Closed Bank");
        (await site.Vend("partner", "disable", "Closed Bank")).Exit.ShouldBe(0);
        await using var api = await site.StartAsync();
        using var http = Client(api, key);
        using var anonymous = Client(api, null);
        (await Post(http, "taken-1", new { customer = "1", amount = "5.00" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await Error(await PostRaw(http, "b1", """{"customer": "1", "amount": }"""), HttpStatusCode.BadRequest)).ShouldStartWith("the body is not valid JSON: ");
        (await Error(await PostRaw(http, "b2", """{"customer": "1", "amount": 20}"""), HttpStatusCode.BadRequest))
            .ShouldBe("\"amount\" must be a JSON string, a decimal string such as \"20.00\", not the number 20");
        (await Error(await PostRaw(http, "b3", """{"customer": 1, "amount": "20.00"}"""), HttpStatusCode.BadRequest))
            .ShouldBe("\"customer\" must be a JSON string, the customer number, such as \"1\", not the number 1");
        (await Error(await PostRaw(http, "b4", """["20.00"]"""), HttpStatusCode.BadRequest)).ShouldBe("the body must be a JSON object, not an array");
        (await Error(await PostRaw(http, "b5", ""), HttpStatusCode.BadRequest)).ShouldStartWith("the body is empty");
        (await Error(await PostRaw(http, "b6", """{"customer": "1", "amount": "20.00"} {}"""), HttpStatusCode.BadRequest)).ShouldStartWith("the body is not valid JSON: ");
        (await Error(await PostRaw(http, null, """{"customer": "1", "amount": "20.00"}"""), HttpStatusCode.BadRequest)).ShouldContain("Idempotency-Key header is required");
        (await Error(await PostRaw(http, "b7", """{"customer": "1", "amount": "-3"}"""), HttpStatusCode.BadRequest)).ShouldContain("\"amount\" above zero");
        var unauthorized = await Post(anonymous, "u1", new { customer = "1", amount = "5.00" });
        unauthorized.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        (await Error(unauthorized, HttpStatusCode.Unauthorized)).ShouldStartWith("no API key");
        using (var stranger = Client(api, "pmk_0000"))
        {
            (await Error(await Post(stranger, "u2", new { customer = "1", amount = "5.00" }), HttpStatusCode.Unauthorized)).ShouldBe("unknown API key");
            (await Error(await stranger.GetAsync("/v1/payments/taken-1"), HttpStatusCode.Unauthorized)).ShouldBe("unknown API key");
        }

        using (var disabled = Client(api, closed))
        {
            (await Error(await Post(disabled, "f1", new { customer = "1", amount = "5.00" }), HttpStatusCode.Forbidden))
                .ShouldBe("partner 'Closed Bank' is disabled: its API key is no longer accepted");
        }

        (await Error(await Post(http, "n1", new { customer = "77", amount = "5.00" }), HttpStatusCode.NotFound)).ShouldBe("customer 77 has no open account");
        (await Error(await http.GetAsync("/v1/payments/never-posted"), HttpStatusCode.NotFound)).ShouldBe("no payment with idempotency key 'never-posted'");
        (await Error(await http.GetAsync("/v1/refunds"), HttpStatusCode.NotFound)).ShouldStartWith("no such resource: GET /v1/refunds");
        (await Error(await http.DeleteAsync("/v1/payments/taken-1"), HttpStatusCode.MethodNotAllowed)).ShouldStartWith("DELETE is not allowed on /v1/payments/taken-1");
        (await Error(await Post(http, "taken-1", new { customer = "1", amount = "6.00" }), HttpStatusCode.Conflict)).ShouldContain("was used for a different payment");
        (await Error(await PostRaw(http, "big", new string(' ', 20_000) + "{}"), HttpStatusCode.RequestEntityTooLarge)).ShouldContain("larger than 16384 bytes");
        (await Error(await PostRaw(http, "t1", "customer=1&amount=5.00", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType))
            .ShouldBe("the body must be JSON: send Content-Type: application/json, not 'application/x-www-form-urlencoded'");
        (await Error(await PostRaw(http, "t2", """{"customer": "1", "amount": "5.00"}""", null), HttpStatusCode.UnsupportedMediaType)).ShouldContain("no Content-Type was sent");
        (await Error(await PostRaw(http, "t3", """{"customer": "1", "amount": "5.00"}""", "application/json; charset=iso-8859-1"), HttpStatusCode.UnsupportedMediaType))
            .ShouldContain("UTF-8");
        (await Error(await Post(http, "l1", new { customer = "1", amount = "500.00" }), HttpStatusCode.UnprocessableEntity)).ShouldContain("over the purchase limit");
        (await PostRaw(http, "ok-1", """{"customer": "1", "amount": "1.00"}""", "application/json; charset=utf-8")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Api_DatabaseUnreachable_Answers503WithJson()
    {
        await using var api = await StartOn("postgres://prepaid:pw@127.0.0.1:1/books");
        using var http = Client(api, "pmk_any");

        (await Error(await Post(http, "k1", new { customer = "1", amount = "5.00" }), HttpStatusCode.ServiceUnavailable)).ShouldStartWith("cannot reach the database postgres://prepaid@127.0.0.1:1/books");
        (await Error(await http.GetAsync("/v1/payments/k1"), HttpStatusCode.ServiceUnavailable)).ShouldStartWith("cannot reach the database");
    }

    [Fact]
    public async Task Api_UnexpectedFault_Answers500WithJsonAndNoStackTrace()
    {
        using var folder = new TempFolder();
        // A SQLite file with no back office in it: the query fails with an error no refusal expects.
        await using var api = await StartOn(folder.File("empty.db"));
        using var http = Client(api, "pmk_any");

        var error = await Error(await Post(http, "k1", new { customer = "1", amount = "5.00" }), HttpStatusCode.InternalServerError);

        error.ShouldBe("the payment API failed unexpectedly; retry with the same Idempotency-Key: a payment already taken is answered, never taken twice");
    }
}
