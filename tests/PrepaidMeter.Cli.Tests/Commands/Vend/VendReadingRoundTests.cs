using System.Text.Json;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands.Vend;

/// <summary>
/// Centralised meter reading as the seed manual plays it (PPMS, "centralised meter reading"): a district's meters on
/// one line, the back office polls them and reports the ones that did not answer. 32 virtual meters on one socat line
/// (`meter serve --folder`), 35 meters in the books: the three with no meter on the bus are silent.
/// </summary>
public sealed class VendReadingRoundTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SocatPair _pair = new();

    public VendReadingRoundTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

    public void Dispose()
    {
        _pair.Dispose();
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task ReadingRound_ADistrictOf32MetersOnOneLine_ReadsThemAll_AndFlagsTheSilentOnes()
    {
        var counter = await CounterOnFiles.NewSiteAsync(_folder);
        (await counter.Vend("group", "add", "--code", "100001", "--name", "North", "--secret", CounterOnFiles.Secret, "--model", "pm-ref-energy", "--limit", "999", "--preset", "10", "--alarm1", "20", "--alarm2", "10", "--overdraft", "5")).Exit.ShouldBe(0);
        (await counter.Vend("price", "add", "--group", "100001", "--name", "residential", "--flat", "0.5")).Exit.ShouldBe(0);
        var district = await counter.Vend("district", "--group", "100001", "--price-type", "residential", "--customers", "35", "--months", "1", "--sales-per-customer", "1");
        district.Exit.ShouldBe(0, district.Err);
        var made = await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-energy", "--number", "900000001", "--count", "32", "--group", "100001", "--secret", CounterOnFiles.Secret, "-o", _folder.File("bus"));
        made.Out.Trim().ShouldBe($"32 pm-ref-energy meters 000900000001 … 000900000032 of group 100001 written to {_folder.File("bus")}");
        using var bus = MeterServeProcess.StartBus(_folder.File("bus"), _pair.MeterEnd, "32 meters (000900000001 … 000900000032) answering DL/T 645-2007 on one line");
        // 200 ms and 3 tries: an answering meter on a loaded machine is not taken for silent; a silent one costs 0.6 s.
        string[] line = ["--port", _pair.MasterEnd, "--baud", "9600", "--timeout", "200", "--tries", "3"];

        var all = string.Join(',', Enumerable.Range(1, 35).Select(i => $"{900_000_000 + i}"));
        var round = await counter.Vend(["--json", "reading", "round", .. line, "--meters", all]);
        // The same line by the name the site gave it (vend port set): its rate with it.
        (await counter.Vend("port", "set", "bus-north", "serial:" + _pair.MasterEnd, "--baud", "9600")).Exit.ShouldBe(0);
        var byLine = await counter.Vend("--json", "reading", "round", "--port", "port:bus-north", "--timeout", "200", "--tries", "3", "--line", "L02");

        round.Exit.ShouldBe(0, round.Err);
        using (var json = JsonDocument.Parse(round.Out))
        {
            var r = json.RootElement;
            (r.GetProperty("polled").GetInt32(), r.GetProperty("answered").GetInt32(), r.GetProperty("stored").GetInt32()).ShouldBe((35, 32, 32));
            r.GetProperty("silent").EnumerateArray().Select(e => e.GetString()).ShouldBe(["000900000033", "000900000034", "000900000035"]);
            r.GetProperty("refused").GetArrayLength().ShouldBe(0);
        }

        // Line L02 holds customers 1 and 21 (customer i is on line (i mod 20) + 1): both on the bus, both read again.
        byLine.Exit.ShouldBe(0, byLine.Err);
        using (var json = JsonDocument.Parse(byLine.Out))
        {
            (json.RootElement.GetProperty("scope").GetString(), json.RootElement.GetProperty("answered").GetInt32()).ShouldBe(("L02", 2));
        }

        var reading = await counter.Vend("--json", "query", "readings", "--meter", "000900000005");
        reading.Out.ShouldContain("\"source\": \"link\"");
        var rounds = await counter.Vend("reading", "rounds");
        rounds.Out.ShouldContain("000900000033");
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
        (await MeterServeProcess.StopAsync(bus)).ShouldBe(0);
    }
}
