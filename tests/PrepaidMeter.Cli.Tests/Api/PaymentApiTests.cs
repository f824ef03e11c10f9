using System.Net;
using static PrepaidMeter.Cli.Tests.Api.ApiSite;

namespace PrepaidMeter.Cli.Tests.Api;

/// <summary>
/// The partners' payment API from the command line: `prepaid vend payments serve` as a process of its own, the `--db`
/// it is given, a partner's ceiling refused before the API sees it. The API itself, in process over real HTTP, is tested
/// with it (tests/PrepaidMeter.Web.Tests/Payments).
/// </summary>
public sealed class PaymentApiTests : OneSiteTests
{
    public PaymentApiTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

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

    [Fact]
    public async Task PartnerAdd_CeilingNotMoney_Refused()
    {
        using var site = await CreateAsync("sqlite");

        var added = await site.Vend("partner", "add", "Small Bank", "--max", "fifty");

        added.Exit.ShouldBe(2);
        added.Err.ShouldContain("--max: 'fifty' is not a money amount");
    }
}
