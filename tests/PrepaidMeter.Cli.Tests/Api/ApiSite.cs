using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using PrepaidMeter.Cli.Tests.Commands;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;
using PrepaidMeter.Web.Payments;

namespace PrepaidMeter.Cli.Tests.Api;

/// <summary>
/// Books for the payment API's tests, on a SQLite file or a PostgreSQL database: customer 1's account 1 (energy group,
/// limit 999 kWh, flat 0.50 a kWh, so 499.50 of money) with its card "li" swiped after a first 10 kWh; `prepaid vend` on
/// them; and the API over real HTTP on 127.0.0.1. The web tests share this file (their csproj links it).
/// </summary>
internal sealed class ApiSite : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string? _postgres;

    private ApiSite(string store)
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
        Db = store == "sqlite" ? _folder.File("prepaid.db") : _postgres = PostgresServer.NewSharedDatabase();
    }

    public string Db { get; }

    /// <summary>The card reader's folder ("li" is customer 1's card).</summary>
    public string CardFolder => _folder.File("cards");

    private CounterOnFiles Counter => new(_folder, Db);

    public static async Task<ApiSite> CreateAsync(string store)
    {
        var site = new ApiSite(store);
        await site.Counter.SetUpSwipedAccount("10");
        return site;
    }

    public void Dispose()
    {
        SqliteVendingDatabase.ClearPools();
        if (_postgres is not null)
        {
            PostgresServer.DropSharedDatabase(_postgres);
        }

        _folder.Dispose();
    }

    public Task<(int Exit, string Out, string Err)> Vend(params string[] args) => Counter.Vend(args);

    public Task Swipe(string expected) => Counter.Swipe(expected);

    /// <summary>Registers a partner (`vend partner add NAME [options]`) and returns its API key.</summary>
    public async Task<string> AddPartner(string name, params string[] options)
    {
        var added = await Vend(["--json", "partner", "add", name, .. options]);
        added.Exit.ShouldBe(0, added.Err);
        return JsonDocument.Parse(added.Out).RootElement.GetProperty("apiKey").GetString()!;
    }

    public Task<WebApplication> StartAsync() => StartOn(KeyFolder.Office(Db));

    /// <summary>The API, started on 127.0.0.1 and a free port, on books it cannot open (a database down, or empty) with some key: what it answers then.</summary>
    public static Task<WebApplication> StartOn(string db) =>
        StartOn(new BackOffice(VendingDatabase.Connect(db), new BackOfficeOptions { AuditKey = PrepaidMeter.Vending.Audit.AuditKey.Generate() }));

    private static async Task<WebApplication> StartOn(BackOffice office)
    {
        var api = PaymentApi.Build(new PaymentApiOptions(office, "127.0.0.1:0"));
        await api.StartAsync();
        return api;
    }

    public static HttpClient Client(WebApplication api, string? key)
    {
        var http = new HttpClient { BaseAddress = new Uri(api.Urls.Single()) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return http;
    }

    public static async Task<HttpResponseMessage> Post(HttpClient http, string idempotencyKey, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await http.SendAsync(request);
    }

    /// <summary>A post of exactly <paramref name="body"/>, with <paramref name="contentType"/> as sent (null: no Content-Type at all).</summary>
    public static async Task<HttpResponseMessage> PostRaw(HttpClient http, string? idempotencyKey, string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType).ShouldBeTrue();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payments") { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await http.SendAsync(request);
    }

    /// <summary>The error of an answer that must have <paramref name="status"/> and the API's one error shape: JSON <c>{"error": "..."}</c>.</summary>
    public static async Task<string> Error(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json", text);
        using var body = JsonDocument.Parse(text);
        body.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["error"], text);
        var error = body.RootElement.GetProperty("error").GetString();
        error.ShouldNotBeNullOrWhiteSpace();
        return error!;
    }
}
