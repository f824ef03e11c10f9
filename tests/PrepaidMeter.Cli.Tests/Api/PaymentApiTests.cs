using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PrepaidMeter.Cli.Api;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Services;
using PrepaidMeter.Vending.Storage;
using Shouldly;
using Xunit;

namespace PrepaidMeter.Cli.Tests.Api;

/// <summary>
/// The partners' payment API over real HTTP on 127.0.0.1, on a SQLite file and on a PostgreSQL server:
/// a bank posts payments with its key and idempotency keys, and the counter writes them to the card
/// at the customer's next visit (`prepaid vend collect`), where the meter loads them.
/// </summary>
public sealed class PaymentApiTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string? _postgres;

    public PaymentApiTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

    private string Db { get; set; } = "";

    public void Dispose()
    {
        SqliteVendingDatabase.ClearPools();
        if (_postgres is not null)
        {
            PostgresServer.DropSharedDatabase(_postgres);
        }

        _folder.Dispose();
    }

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

    [Fact]
    public async Task Serve_AsItsOwnProcess_TakesAPaymentThenStopsCleanlyOnSigterm()
    {
        await SetUpAccount("sqlite");
        var key = await AddPartner("River Bank");
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var server = Commands.ChildPrepaid.Start("vend", "--db", Db, "payments", "serve", "--listen", $"127.0.0.1:{port}");
        (await Commands.ChildPrepaid.ReadUntil(server.StandardOutput, "payment API on")).ShouldContain($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);

        (await Post(http, "own-process-1", new { account = 1, amount = "3.00" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        await Commands.ChildPrepaid.Stop(server);
        (await server.StandardOutput.ReadToEndAsync()).ShouldContain("payment API stopped");
        (await Vend("--json", "payments", "waiting", "--account", "1")).Out.ShouldContain("own-process-1");
    }

    [Theory]
    [InlineData("postgres://clerk:pw@db.example:5432/", "--db: 'postgres://clerk:***@db.example:5432/' names no database")]
    [InlineData("postgres://prepaid:pw@127.0.0.1:1/books", "cannot reach the database postgres://prepaid@127.0.0.1:1/books")]
    public async Task Vend_DatabaseOptionWrongOrServerAbsent_ExitsSayingWhichWithoutThePassword(string db, string message)
    {
        var result = await Prepaid.RunAsync("vend", "--db", db, "query", "purchases");

        result.Exit.ShouldBe(db.EndsWith('/') ? 1 : 3);
        result.Err.ShouldContain(message);
        result.Err.ShouldNotContain(":pw@");
    }

    private static async Task<HttpResponseMessage> Post(HttpClient http, string idempotencyKey, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await http.SendAsync(request);
    }

    private static async Task<string> Error(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;

    private static HttpClient Client(Microsoft.AspNetCore.Builder.WebApplication api, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(api.Urls.Single()) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private async Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync()
    {
        var api = PaymentApi.Build(KeyFolder.Office(Db), "127.0.0.1:0");
        await api.StartAsync();
        return api;
    }

    private async Task<string> AddPartner(string name)
    {
        var added = await Vend("--json", "partner", "add", name);
        added.Exit.ShouldBe(0, added.Err);
        return JsonDocument.Parse(added.Out).RootElement.GetProperty("apiKey").GetString()!;
    }

    private Task<(int Exit, string Out, string Err)> Vend(params string[] args) => new Commands.CounterOnFiles(_folder, Db).Vend(args);

    private Task Swipe(string expected) => new Commands.CounterOnFiles(_folder, Db).Swipe(expected);

    /// <summary>A site on <paramref name="store"/> with one open account (customer 1, account 1) whose card "li" is swiped.</summary>
    private Task SetUpAccount(string store)
    {
        Db = store == "sqlite" ? _folder.File("prepaid.db") : _postgres = PostgresServer.NewSharedDatabase();
        return new Commands.CounterOnFiles(_folder, Db).SetUpSwipedAccount("10");
    }
}
