using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Cli.Commands.Vend.Branches;

/// <summary>
/// `prepaid vend branch add|reading|list` — the summary meters of lines and transformer areas that line
/// loss is measured against — and `prepaid vend district`, which writes a made-up district into the books
/// for trying the reports out.
/// </summary>
internal static class VendBranchCommands
{
    public static Command Branches()
    {
        var line = new Option<string>("--line") { Description = "The line the summary meter sums" };
        var area = new Option<string>("--area") { Description = "The transformer area the summary meter sums" };
        var meter = new Option<string>("--meter") { Description = "The summary meter's number", Required = true };
        var utility = new Option<string>("--utility") { Description = "electricity (the summary meter, the default), water or gas (the branch's main)" };
        var add = new Command("add", "Register the summary meter of a line (--line) or a transformer area (--area); a water or gas main with --utility")
        {
            line, area, meter, utility,
        };
        add.SetAction(parse => VendCall.Run(parse, call =>
        {
            var (l, a) = (parse.GetValue(line), parse.GetValue(area));
            if ((l is null) == (a is null))
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, "give exactly one of --line or --area"));
            }

            var utilityText = parse.GetValue(utility);
            if ((utilityText is null ? Utility.Electricity : Utilities.Parse(utilityText)) is not { } measures)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, $"--utility {utilityText}: must be electricity, water or gas"));
            }

            return Task.FromResult(call.Print(call.Office.Branches.Add(call.Session, l is null ? BranchKind.TransformerArea : BranchKind.Line, (l ?? a)!, parse.GetValue(meter)!, measures)));
        }));

        var readingMeter = new Option<string>("--meter") { Description = "The summary meter's number", Required = true };
        var at = new Option<string>("--at") { Description = "When it was read: a date (midnight UTC) or an ISO-8601 moment", Required = true };
        var energy = new Option<string>("--energy") { Description = "Its cumulative energy register, kWh (a summary meter)" };
        var volume = new Option<string>("--volume") { Description = "Its cumulative volume register, m³ (a water or gas main)" };
        var reading = new Command("reading", "Record a summary meter's reading") { readingMeter, at, energy, volume };
        reading.SetAction(parse => VendCall.Run(parse, call =>
        {
            if (VendArguments.Moment(parse.GetValue(at)) is not { } moment)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, "--at takes a date (2026-12-01) or an ISO-8601 moment"));
            }

            var (kwhText, m3Text) = (parse.GetValue(energy), parse.GetValue(volume));
            if ((kwhText is null) == (m3Text is null))
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, "give exactly one of --energy or --volume"));
            }

            var number = parse.GetValue(readingMeter)!;
            if (kwhText is not null)
            {
                return Task.FromResult(VendArguments.TryParse(call, "--energy", Energy.Parse(kwhText), out var kwh)
                    ? call.Print(call.Office.Branches.Record(call.Session, number, moment, kwh))
                    : ExitCodes.Refused);
            }

            return Task.FromResult(VendArguments.TryParse(call, "--volume", Volume.Parse(m3Text), out var m3)
                ? call.Print(call.Office.Branches.Record(call.Session, number, moment, m3))
                : ExitCodes.Refused);
        }));

        var list = new Command("list", "The summary meters");
        list.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Branches.List(call.Session)))));
        return new Command("branch", "Summary meters of lines and transformer areas, for line loss") { add, reading, list };
    }

    public static Command District()
    {
        var customers = new Option<int>("--customers") { Description = "How many customers", DefaultValueFactory = _ => 1_000 };
        var months = new Option<int>("--months") { Description = "Months of history", DefaultValueFactory = _ => 13 };
        var sales = new Option<int>("--sales-per-customer") { Description = "Purchases each customer makes over the history", DefaultValueFactory = _ => 12 };
        var start = new Option<string>("--start") { Description = "When the history starts (a date, UTC); 13 months ago by default" };
        var group = new Option<string>("--group") { Description = "The supply group the customers are in", Required = true };
        var priceType = new Option<string>("--price-type") { Description = "The price type their accounts are on", Required = true };
        var command = new Command("district", "Write a made-up district (customers, meters, receipts, readings, line summary meters) into books with no real sales, to try the reports on (administrators; logged and audited)")
        {
            customers, months, sales, start, group, priceType,
        };
        command.SetAction(parse => VendCall.Run(parse, call =>
        {
            if (!VendArguments.TryParse(call, "--group", SupplyGroupCode.Parse(parse.GetValue(group)), out var code))
            {
                return Task.FromResult(ExitCodes.Refused);
            }

            var types = call.Office.Prices.List(call.Session);
            if (!types.Success)
            {
                return Task.FromResult(call.Print(types));
            }

            if (types.Value.FirstOrDefault(t => t.Group == code && t.Name == parse.GetValue(priceType)) is not { } type)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Refused, $"no price type '{parse.GetValue(priceType)}' in supply group {code}"));
            }

            if (parse.GetValue(customers) is < 1 or > DistrictService.MaxCustomers || parse.GetValue(months) is < 1 or > 120 || parse.GetValue(sales) is < 0 or > 1_000)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, $"--customers 1..{DistrictService.MaxCustomers}, --months 1..120, --sales-per-customer 0..1000"));
            }

            var now = call.Context.Time.GetUtcNow();
            var from = parse.GetValue(start) is { } text ? VendArguments.Moment(text) : new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-parse.GetValue(months));
            if (from is not { } begin)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, "--start takes a date such as 2025-11-01"));
            }

            return Task.FromResult(call.Print(call.Office.District.Write(call.Session, code, type.Id, new DistrictShape(parse.GetValue(customers), parse.GetValue(months), begin, parse.GetValue(sales))),
                facts => $"district written: {facts.Customers} customers, {facts.Sales} receipts ({Energy.FromHundredths(facts.Energy)}, {Money.FromHundredths(facts.Money)}), {facts.Readings} readings, from {begin:yyyy-MM-dd}"));
        }));
        return command;
    }
}
