using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using PrepaidMeter.Web.Payments;

namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>
/// `vend payments serve` runs until stopped. An operator allowed to serve runs it as a child process (on 127.0.0.1,
/// a port of the system's choosing): once it says it is ready the partner posts a payment for the customer, and
/// SIGTERM stops it, exit 0. An operator it must refuse runs it in process: refused, it returns at once.
/// </summary>
internal static partial class PaymentServe
{
    public static async Task<Outcome> Run(Books books, CliStep step, string login, bool serves)
    {
        if (!serves)
        {
            // Were it to start serving after all, it would never return: the wait fails the test instead.
            return await books.Run(login, step).WaitAsync(TimeSpan.FromSeconds(30));
        }

        Process server;
        using (Operators.LoggedInAs(login))
        {
            // The child takes the environment as it is now: the operator's login.
            server = ChildPrepaid.Start(books.CommandLine(step));
        }

        using (server)
        {
            try
            {
                return await ServeOnePayment(books, server);
            }
            finally
            {
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                }
            }
        }
    }

    /// <summary>Stands in for the server when the role may not run it: the same API on the same books, in process, takes the payment.</summary>
    public static async Task PayThroughTheApiInProcess(Books books)
    {
        await using var api = PaymentApi.Build(new PaymentApiOptions(KeyFolder.Office(books.Db), "127.0.0.1:0"));
        await api.StartAsync();
        await Pay(new Uri(api.Urls.Single()), books);
        await api.StopAsync();
    }

    private static async Task<Outcome> ServeOnePayment(Books books, Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var error = server.StandardError.ReadToEndAsync(timeout.Token);
        var output = new List<string>();
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.Add(line);
            if (line.StartsWith("payment API on ", StringComparison.Ordinal))
            {
                await Pay(new Uri(ListeningOn().Match(line).Value), books);
                using var kill = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync(timeout.Token);
                break;
            }
        }

        output.Add(await server.StandardOutput.ReadToEndAsync(timeout.Token));
        await server.WaitForExitAsync(timeout.Token);
        return new Outcome(server.ExitCode, string.Join('\n', output), await error);
    }

    private static async Task Pay(Uri api, Books books)
    {
        using var http = new HttpClient { BaseAddress = api };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payments")
        {
            Content = JsonContent.Create(new { customer = books["customer"], amount = "5.00", reference = "every command" }),
        };
        request.Headers.Add("X-Api-Key", books["apikey"]);
        request.Headers.Add("Idempotency-Key", "every-command-1");
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"http://[^\s,]+")]
    private static partial Regex ListeningOn();
}
