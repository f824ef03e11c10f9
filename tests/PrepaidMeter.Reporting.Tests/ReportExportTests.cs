using FsCheck;
using FsCheck.Fluent;
using MiniExcelLibs;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Reporting.Tests;

/// <summary>A report as it leaves the program, for the CLI and the web console alike: CSV as the table reads, XLSX with exact numeric cells.</summary>
public sealed class ReportExportTests
{
    private static readonly ReportColumn[] Columns = [new("price type", ColumnKind.Text), new("sales", ColumnKind.Count), new("energy kWh", ColumnKind.Energy), new("money", ColumnKind.Money)];

    private static ReportTable Table(params (string Type, long Sales, long Energy, long Money)[] rows) =>
        new ReportTable("Monthly takings", "all time", Columns, [.. rows.Select(r => (IReadOnlyList<ReportCell>)[ReportCell.Of(r.Type), ReportCell.Of(r.Sales), ReportCell.Of(r.Energy), ReportCell.Of(r.Money)])])
        {
            Totals = [ReportCell.Of("total"), ReportCell.Of(rows.Sum(r => r.Sales)), ReportCell.Of(rows.Sum(r => r.Energy)), ReportCell.Of(rows.Sum(r => r.Money))],
        };

    [Fact]
    public void Csv_HeaderRowsAndTotals_AsTheTableReads_QuotingWhatNeedsIt()
    {
        var csv = ReportExport.Csv(Table(("residential", 2, 1_050, 525), ("shop, \"corner\"", 1, 1, 99)));

        csv.ShouldBe("price type,sales,energy kWh,money\r\nresidential,2,10.50,5.25\r\n\"shop, \"\"corner\"\"\",1,0.01,0.99\r\ntotal,3,10.51,6.24\r\n");
    }

    [Fact]
    public void Xlsx_AnyHundredths_ReadBackAsExactDecimals()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, 99_999)).ToArbitrary(), pair =>
        {
            var (energy, money) = pair;
            using var stream = new MemoryStream();
            ReportExport.Xlsx(stream, Table(("residential", 1, energy, money)));
            stream.Position = 0;

            var rows = MiniExcel.Query(stream, useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray()).ToList();

            rows.Count.ShouldBe(3, "header, the row, the totals");
            Convert.ToDecimal(rows[1][2], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(energy / 100m);
            Convert.ToDecimal(rows[1][3], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(money / 100m);
            rows[2][0].ShouldBe("total");
        }).QuickCheckThrowOnFailure(50);
    }

    [Fact]
    public void Json_CarriesTheNumbersAsTheyAreKept_AndTheTotals()
    {
        var json = System.Text.Json.JsonDocument.Parse(ReportExport.Json(Table(("residential", 2, 1_050, 525)))).RootElement;

        json.GetProperty("title").GetString().ShouldBe("Monthly takings");
        json.GetProperty("totals").ToString().ShouldContain("10.50");
    }
}
