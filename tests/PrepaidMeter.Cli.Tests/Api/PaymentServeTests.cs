using System.Net;
using PrepaidMeter.Cli.Api;
using PrepaidMeter.Cli.Tests.Commands;
using Shouldly;
using Xunit;

namespace PrepaidMeter.Cli.Tests.Api;

/// <summary>`prepaid vend payments serve` speaks plain HTTP: off this machine's loopback, it says so on stderr when it starts.</summary>
public sealed class PaymentServeTests
{
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
}
