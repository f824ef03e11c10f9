using System.Globalization;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;
using SkiaSharp;

namespace PrepaidMeter.Cli.Tests.Commands.Reports;

/// <summary>`prepaid report` on a made-up district written by `prepaid vend district` (300 customers, 14 months from 2025-09).</summary>
public sealed class ReportCommandsTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => _folder.File("prepaid.db");

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
        (await Vend("init", "--station", "0001", "--name", "Test")).Exit.ShouldBe(0);
        (await Vend("group", "add", "--code", "100001", "--name", "North", "--secret", "00112233445566778899AABBCCDDEEFF", "--model", "pm-ref-energy",
            "--limit", "999", "--preset", "10", "--alarm1", "20", "--alarm2", "10", "--overdraft", "5")).Exit.ShouldBe(0);
        (await Vend("price", "add", "--group", "100001", "--name", "residential", "--flat", "0.5")).Exit.ShouldBe(0);
        var district = await Vend("district", "--group", "100001", "--price-type", "residential", "--customers", "300", "--months", "14", "--start", "2025-09-01");
        district.Exit.ShouldBe(0, district.Err);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Monthly_Xlsx_ReadsBackCellForCellAsTheJson()
    {
        var xlsx = _folder.File("monthly.xlsx");

        var table = await Report("monthly", "--from", "2026-01-01", "--to", "2026-07-01", "--xlsx", xlsx);
        var json = JsonNode.Parse((await Report("monthly", "--from", "2026-01-01", "--to", "2026-07-01", "--json")).Out)!;

        table.Exit.ShouldBe(0, table.Err);
        var sheet = MiniExcel.Query(xlsx, useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray()).ToList();
        var columns = json["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray();
        sheet[0].ShouldBe(columns);
        var rows = json["rows"]!.AsArray().Append(json["totals"]).ToList();
        sheet.Count.ShouldBe(rows.Count + 1);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var expected = rows[r]![columns[c]]!;
                var cell = sheet[r + 1][c];
                if (c == 0)
                {
                    cell.ShouldBe(expected.GetValue<string>());
                }
                else
                {
                    // A typed numeric cell, exactly the report's number.
                    cell.ShouldBeAssignableTo<double>();
                    decimal.Parse(Convert.ToString(cell, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture)
                        .ShouldBe(decimal.Parse(expected.ToJsonString().Trim('"'), CultureInfo.InvariantCulture), $"row {r}, {columns[c]}");
                }
            }
        }

        sheet[^1][0].ShouldBe("total");
    }

    [Fact]
    public async Task Monthly_Csv_HeaderRowsAndTotals()
    {
        var csv = await Report("monthly", "--csv");

        csv.Exit.ShouldBe(0, csv.Err);
        var lines = csv.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("month,sales,energy kWh,money,arrears collected,corrections,cancels,reissues");
        lines[^1].ShouldStartWith("total,");
        var sales = lines[1..^1].Sum(l => long.Parse(l.Split(',')[1], CultureInfo.InvariantCulture));
        lines[^1].Split(',')[1].ShouldBe(sales.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Daily_EmptyPeriod_EmptyReportWithZeroTotalsExit0()
    {
        var empty = await Report("daily", "--from", "2030-01-01", "--to", "2030-02-01");

        empty.Exit.ShouldBe(0, empty.Err);
        empty.Out.ShouldContain("Nothing in this period: every total is zero.");
        empty.Out.ShouldContain("│ total │     0 │       0.00 │  0.00 │");
    }

    [Theory]
    [InlineData("--line", "L99", "no line 'L99' exists")]
    [InlineData("--operator", "nobody", "no operator 'nobody' exists")]
    [InlineData("--price-type", "industrial", "no price type 'industrial' exists")]
    public async Task Monthly_FilterNamingNothing_Exits2SayingSo(string option, string value, string message)
    {
        var refused = await Report("monthly", option, value);

        refused.Exit.ShouldBe(2);
        refused.Err.ShouldContain(message);
    }

    [Fact]
    public async Task Monthly_Chart_IsAPictureWithSomethingOnIt()
    {
        var png = _folder.File("monthly.png");

        var drawn = await Report("monthly", "--chart", png);

        drawn.Exit.ShouldBe(0, drawn.Err);
        using var bitmap = SKBitmap.Decode(png);
        (bitmap.Width, bitmap.Height).ShouldBe((1000, 480));
        var coloured = 0;
        for (var y = 0; y < bitmap.Height; y += 4)
        {
            for (var x = 0; x < bitmap.Width; x += 4)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel.Red != pixel.Green || pixel.Green != pixel.Blue)
                {
                    coloured++;
                }
            }
        }

        coloured.ShouldBeGreaterThan(1_000, "the stacked bars are coloured; axes and text are grey");
    }

    [Fact]
    public async Task LineLoss_District_RatesWithinThePlantedLossesAndGappyLinesFlagged()
    {
        var svg = _folder.File("loss.svg");

        var loss = await Report("line-loss", "--from", "2026-03-01", "--to", "2026-09-01", "--json", "--chart", svg);

        loss.Exit.ShouldBe(0, loss.Err);
        var rows = JsonNode.Parse(loss.Out)!["rows"]!.AsArray();
        var rated = rows.Where(r => r!["loss rate %"] is not null).ToList();
        rated.Count.ShouldBeGreaterThanOrEqualTo(15);
        rated.ShouldAllBe(r => decimal.Parse(r!["loss rate %"]!.GetValue<string>(), CultureInfo.InvariantCulture) > 1m
            && decimal.Parse(r!["loss rate %"]!.GetValue<string>(), CultureInfo.InvariantCulture) < 14m);
        rows.Where(r => r!["missing"]!.GetValue<long>() > 0).ShouldAllBe(r => r!["loss rate %"] == null);
        File.ReadAllText(svg).ShouldContain("<svg");
    }

    [Fact]
    public async Task LineLoss_UtilityWater_OnAnElectricitySite_WaterLossInM3_NoElectricityBranchInIt()
    {
        var loss = await Report("line-loss", "--from", "2026-03-01", "--to", "2026-09-01", "--utility", "water", "--json");

        loss.Exit.ShouldBe(0, loss.Err);
        var json = JsonNode.Parse(loss.Out)!;
        json["title"]!.GetValue<string>().ShouldBe("Water loss by line");
        json["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["line", "summary meter", "entered m³", "customers m³", "loss m³", "loss rate %", "meters", "missing"]);
        json["columns"]!.AsArray()[2]!["kind"]!.GetValue<string>().ShouldBe("volume");
        json["rows"]!.AsArray().ShouldBeEmpty("the district's lines and meters are all electricity");
    }

    [Fact]
    public async Task Monthly_UtilityElectricity_SameAsWithoutOnAnElectricitySite_UnknownUtilityIsAUsageError()
    {
        var all = await Report("monthly", "--from", "2026-01-01", "--to", "2026-07-01", "--json");
        var power = await Report("monthly", "--from", "2026-01-01", "--to", "2026-07-01", "--utility", "electricity", "--json");
        var steam = await Report("monthly", "--utility", "steam");

        JsonNode.Parse(power.Out)!["rows"]!.ToJsonString().ShouldBe(JsonNode.Parse(all.Out)!["rows"]!.ToJsonString());
        JsonNode.Parse(all.Out)!["columns"]!.AsArray().Count.ShouldBe(8, "no m³ column on a site without water or gas");
        steam.Exit.ShouldBe(ExitCodes.Usage);
        steam.Err.ShouldContain("--utility 'steam'");
    }

    [Fact]
    public async Task Abnormal_UtilityWaterWithNightOptions_M3ColumnAndTheLeakNote_BadNightRefused()
    {
        var water = await Report("abnormal", "--month", "2026-10", "--utility", "water", "--night", "00:30-04:30", "--leak-nights", "5", "--json");
        var bad = await Report("abnormal", "--month", "2026-10", "--utility", "water", "--night", "late");
        var chart = _folder.File("water-flags.png");
        var drawn = await Report("abnormal", "--month", "2026-10", "--utility", "water", "--chart", chart);

        water.Exit.ShouldBe(0, water.Err);
        var json = JsonNode.Parse(water.Out)!;
        json["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldContain("m³ this month");
        json["notes"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldContain(n => n.StartsWith("leak: 0 meter(s) with at least 5 nights read (00:30-04:30 UTC", StringComparison.Ordinal));
        bad.Exit.ShouldBe(2);
        bad.Err.ShouldContain("--night 'late'");
        drawn.Exit.ShouldBe(0, drawn.Err);
        File.Exists(chart).ShouldBeTrue("the chart labels its bars with the report's own m³ column");
    }

    [Fact]
    public async Task Abnormal_District_FindsThePlantedDropAndSilence()
    {
        var abnormal = await Report("abnormal", "--month", "2026-10", "--json");

        abnormal.Exit.ShouldBe(0, abnormal.Err);
        var flags = JsonNode.Parse(abnormal.Out)!["rows"]!.AsArray().Select(r => $"{r!["customer"]} {r["flag"]}").ToList();
        flags.ShouldContain("97 drop");
        flags.ShouldContain("194 drop");
        flags.ShouldContain("101 silent");
        flags.ShouldContain("202 silent");
    }

    [Fact]
    public async Task AccountAndReadings_District_PrintAndChart()
    {
        var trend = _folder.File("trend.png");

        var book = await Report("account", "--account", "5", "--to", "2026-11-01", "--chart", trend);
        var readings = await Report("readings", "--line", "L01");
        var registration = await Report("registration");

        book.Exit.ShouldBe(0, book.Err);
        book.Out.ShouldContain("Account book: account 5");
        new FileInfo(trend).Length.ShouldBeGreaterThan(10_000);
        readings.Exit.ShouldBe(0, readings.Err);
        readings.Out.ShouldContain("return-write");
        registration.Out.ShouldMatch(@"│ 2025-09 │\s+300 │", "300 accounts opened in September 2025, whatever the columns' widths");
    }

    [Fact]
    public async Task BranchCommands_AddReadList_AndRefuseWhatDoesNotFit()
    {
        var added = await Vend("branch", "add", "--area", "T900", "--meter", "AREA-900");
        var again = await Vend("branch", "add", "--area", "T900", "--meter", "AREA-901");
        var read = await Vend("branch", "reading", "--meter", "AREA-900", "--at", "2026-11-01", "--energy", "1234.5");
        var unknown = await Vend("branch", "reading", "--meter", "NOPE", "--at", "2026-11-01", "--energy", "1");
        var both = await Vend("branch", "add", "--line", "L1", "--area", "T1", "--meter", "X");
        var main = await Vend("branch", "add", "--area", "T900", "--meter", "WATER-900", "--utility", "water");
        var mainRead = await Vend("branch", "reading", "--meter", "WATER-900", "--at", "2026-11-01", "--volume", "812.25");
        var wrongUnit = await Vend("branch", "reading", "--meter", "WATER-900", "--at", "2026-11-02", "--energy", "1");
        var steam = await Vend("branch", "add", "--area", "T900", "--meter", "STEAM-900", "--utility", "steam");
        var list = await Vend("branch", "list", "--json");

        added.Exit.ShouldBe(0, added.Err);
        again.Exit.ShouldBe(2);
        again.Err.ShouldContain("transformer area 'T900' already has its electricity summary meter, AREA-900");
        main.Exit.ShouldBe(0, main.Err);
        mainRead.Exit.ShouldBe(0, mainRead.Err);
        mainRead.Out.ShouldContain("81225");
        wrongUnit.Exit.ShouldBe(2);
        wrongUnit.Err.ShouldContain("summary meter WATER-900 is the water one: its reading is in m³, not 1.00 kWh");
        steam.Exit.ShouldBe(ExitCodes.Usage);
        steam.Err.ShouldContain("--utility steam: must be electricity, water or gas");
        list.Out.ShouldContain("\"utility\": \"water\"");
        read.Exit.ShouldBe(0, read.Err);
        read.Out.ShouldContain("123450");
        unknown.Exit.ShouldBe(2);
        unknown.Err.ShouldContain("no summary meter NOPE");
        both.Exit.ShouldBe(ExitCodes.Usage);
        list.Out.ShouldContain("AREA-900");
        list.Out.ShouldContain("S0001", customMessage: "the district's line meters");
    }

    private Task<(int Exit, string Out, string Err)> Vend(params string[] args) => Prepaid.RunAsync(["vend", "--db", Db, .. args]);

    private Task<(int Exit, string Out, string Err)> Report(params string[] args) => Prepaid.RunAsync(["report", "--db", Db, .. args]);
}
