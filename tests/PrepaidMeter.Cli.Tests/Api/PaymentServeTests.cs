using System.Net;
using PrepaidMeter.Cli.Tests.Commands;

namespace PrepaidMeter.Cli.Tests.Api;

/// <summary>`prepaid vend payments serve` speaks plain HTTP: off this machine's loopback, it says so on stderr when it starts (which addresses warn: PrepaidMeter.Web.Tests).</summary>
public sealed class PaymentServeTests
{
    [Fact]
    public async Task Serve_OnEveryAddress_StartsWithAOneLineWarningOnStderr()
    {
        using var site = await ApiSite.CreateAsync("sqlite");
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var server = ChildPrepaid.Start("vend", "--db", site.Db, "payments", "serve", "--listen", $"0.0.0.0:{port}");
        (await ChildPrepaid.ReadUntil(server.StandardOutput, "payment API on")).ShouldContain($":{port}");
        var warning = await server.StandardError.ReadLineAsync();
        await ChildPrepaid.Stop(server);

        warning.ShouldBe($"prepaid: warning: the payment API on 0.0.0.0:{port} speaks plain HTTP to other machines: "
            + "partners' API keys and payments cross the network in clear; put it behind a TLS reverse proxy");
    }

    /// <summary>
    /// SIGTERM right after the ready line, six times: System.CommandLine's own signal handler, beside StopSignal, ended
    /// about half such runs with 143 before StopSignal's handler ran (PrepaidApp turns it off); six clean stops in a row
    /// had a 1-in-64 chance then.
    /// </summary>
    [Fact]
    public async Task Serve_StoppedBySigtermAsSoonAsItIsReady_ExitsZeroEveryTime()
    {
        using var site = await ApiSite.CreateAsync("sqlite");
        for (var run = 0; run < 6; run++)
        {
            using var server = ChildPrepaid.Start("vend", "--db", site.Db, "payments", "serve", "--listen", "127.0.0.1:0");
            await ChildPrepaid.ReadUntil(server.StandardOutput, "payment API on");
            await ChildPrepaid.Stop(server);
            (await server.StandardOutput.ReadToEndAsync()).ShouldContain("payment API stopped");
        }
    }
}
