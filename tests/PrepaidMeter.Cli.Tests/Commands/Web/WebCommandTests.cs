using System.Net;
using PrepaidMeter.Cli.Tests.Api;

namespace PrepaidMeter.Cli.Tests.Commands.Web;

/// <summary>`prepaid web`: the console served from the site's books and reader until SIGTERM; a reader it cannot open, or a meter folder that is not one, refused first.</summary>
public sealed class WebCommandTests
{
    [Fact]
    public async Task Web_OnTheSitesBooksAndReader_ServesTheSignInPage_UntilSigterm()
    {
        using var site = await ApiSite.CreateAsync("sqlite");
        var port = FreePort();

        using var meters = new PrepaidMeter.Testing.TempFolder();

        using var server = ChildPrepaid.Start("web", "--db", site.Db, "--reader", "folder:" + site.CardFolder, "--card", "li", "--listen", $"127.0.0.1:{port}", "--meters", meters.Path);
        var started = await ChildPrepaid.ReadUntil(server.StandardOutput, "web console on");
        started.ShouldContain($"http://127.0.0.1:{port}");
        started.ShouldContain("(card li)");
        started.ShouldContain($"meters from {meters.Path}");
        using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") })
        {
            using var signIn = await http.GetAsync("/signin");
            signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await signIn.Content.ReadAsStringAsync()).ShouldContain("<label for=\"password\">Password</label>");
        }

        await ChildPrepaid.Stop(server);
        (await server.StandardOutput.ReadToEndAsync()).ShouldContain("web console stopped");
    }

    [Fact]
    public async Task Web_OnEveryAddress_StartsWithAOneLineWarningOnStderr()
    {
        using var site = await ApiSite.CreateAsync("sqlite");
        var port = FreePort();

        using var server = ChildPrepaid.Start("web", "--db", site.Db, "--reader", "memory", "--listen", $"0.0.0.0:{port}");
        await ChildPrepaid.ReadUntil(server.StandardOutput, "web console on");
        var warning = await server.StandardError.ReadLineAsync();
        await ChildPrepaid.Stop(server);

        warning.ShouldBe($"prepaid: warning: the web console on 0.0.0.0:{port} speaks plain HTTP to other machines: operators' passwords, "
            + "session cookies and customers' data cross the network in clear; put it behind a TLS reverse proxy (docs/web.md)");
    }

    [Fact]
    public async Task Web_ACardFileThatIsNotThere_IsRefusedBeforeListening()
    {
        using var site = await ApiSite.CreateAsync("sqlite");

        var refused = await Prepaid.RunAsync("web", "--db", site.Db, "--reader", "folder:" + site.CardFolder, "--card", "nobody", "--listen", "127.0.0.1:0");

        refused.Exit.ShouldBe(2, refused.Err);
        refused.Err.ShouldContain("no card file");
        refused.Out.ShouldNotContain("web console on");
    }

    [Theory]
    [InlineData("serial:/dev/ttyS0", 1, "--second-reader 'serial:/dev/ttyS0' must be 'folder:DIR' or 'pcsc:NAME'")]
    [InlineData("folder:/nonexistent/cards", 2, "no reader folder '/nonexistent/cards' for --second-reader")]
    [InlineData("port:nowhere", 2, "nowhere")]
    [InlineData("SAME", 1, "is the counter's reader (--reader): the second card needs a reader of its own")]
    public async Task Web_ASecondReaderThatCannotBe_IsRefusedBeforeListening(string spec, int exit, string said)
    {
        using var site = await ApiSite.CreateAsync("sqlite");

        var refused = await Prepaid.RunAsync("web", "--db", site.Db, "--reader", "folder:" + site.CardFolder, "--card", "li",
            "--second-reader", spec == "SAME" ? "folder:" + site.CardFolder + "/" : spec, "--listen", "127.0.0.1:0");

        refused.Exit.ShouldBe(exit, refused.Err);
        refused.Err.ShouldContain(said);
        refused.Out.ShouldNotContain("web console on");
    }

    [Fact]
    public async Task Web_MetersGivenAFolderThatIsNotThereOrAFile_IsRefusedBeforeListening()
    {
        using var site = await ApiSite.CreateAsync("sqlite");
        using var folder = new PrepaidMeter.Testing.TempFolder();
        var file = folder.File("m.nvram");
        await File.WriteAllTextAsync(file, "a meter file, not a folder");

        var missing = await Prepaid.RunAsync("web", "--db", site.Db, "--meters", folder.File("none"), "--listen", "127.0.0.1:0");
        var notFolder = await Prepaid.RunAsync("web", "--db", site.Db, "--meters", file, "--listen", "127.0.0.1:0");

        missing.Exit.ShouldBe(2, missing.Err);
        missing.Err.Trim().ShouldBe($"prepaid: --meters: no folder {folder.File("none")}");
        notFolder.Exit.ShouldBe(2, notFolder.Err);
        notFolder.Err.ShouldContain($"--meters: {file} is a file, not a folder of meter files");
        (missing.Out + notFolder.Out).ShouldNotContain("web console on");
    }

    [Fact]
    public async Task Web_LabStackWithAVpcdReaderAtTheCounter_IsAUsageMistake()
    {
        using var site = await ApiSite.CreateAsync("sqlite");

        var refused = await Prepaid.RunAsync("web", "--db", site.Db, "--reader", "pcsc:Virtual PCD 00 00", "--lab-stack", "--listen", "127.0.0.1:0");

        refused.Exit.ShouldBe(1, refused.Err);
        refused.Err.ShouldContain("--lab-stack plays its meters on vpcd's reader slots, and 'pcsc:Virtual PCD 00 00' is one of them");
    }

    [Fact]
    public async Task Web_NoSuchDatabase_ExitsThreeSayingSo()
    {
        using var folder = new PrepaidMeter.Testing.TempFolder();

        var refused = await Prepaid.RunAsync("web", "--db", folder.File("none.db"), "--listen", "127.0.0.1:0");

        refused.Exit.ShouldBe(3, refused.Err);
        refused.Err.ShouldContain("no database");
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
