using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Cli.Commands.Vend.Setup;

/// <summary>`prepaid vend site|operator|group|price|customer|meter`: the books' set-up.</summary>
internal static class VendSetupCommands
{
    public static Command Site()
    {
        var show = new Command("show", "Show the site registration and options");
        show.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Site.Show(call.Session)))));
        var name = new Option<string>("--name") { Description = "Station name" };
        var unit = new Option<string>("--unit") { Description = "Management unit" };
        var registration = new Option<string>("--registration") { Description = "Registration code" };
        var licence = new Option<int?>("--licence") { Description = "Supply groups the licence allows (1-4)" };
        var reader = new Option<string>("--default-reader") { Description = "The counter's default reader" };
        var set = new Command("set", "Change the site registration and options") { name, unit, registration, licence, reader };
        set.SetAction(parse => VendCall.Run(parse, call =>
        {
            var site = call.Office.Site.Get();
            var changed = site with
            {
                StationName = parse.GetValue(name) ?? site.StationName,
                ManagementUnit = parse.GetValue(unit) ?? site.ManagementUnit,
                RegistrationCode = parse.GetValue(registration) ?? site.RegistrationCode,
                LicenceGroups = parse.GetValue(licence) ?? site.LicenceGroups,
                DefaultReader = parse.GetValue(reader) ?? site.DefaultReader,
            };
            return Task.FromResult(call.Print(call.Office.Site.Update(call.Session, changed)));
        }));
        return new Command("site", "Site registration and options") { show, set };
    }

    public static Command Operators()
    {
        var login = new Argument<string>("LOGIN");
        var name = new Option<string>("--name") { Description = "Full name" };
        var role = new Option<string>("--role") { Description = "administrator, cashier, auditor or a role made with 'operator role'" };
        var add = new Command("add", "Add an operator; the password comes from PREPAID_NEW_PASSWORD") { login, name, role };
        add.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(NewPassword(call) is { } password
            ? call.Print(call.Office.Operators.Add(call.Session, parse.GetValue(login)!, parse.GetValue(name) ?? parse.GetValue(login)!, parse.GetValue(role) ?? "cashier", password))
            : ExitCodes.Environment)));
        var change = new Command("change", "Change an operator's name or role") { login, name, role };
        change.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Operators.Change(call.Session, parse.GetValue(login)!, parse.GetValue(name), parse.GetValue(role))))));
        var disable = new Command("disable", "Disable an operator") { login };
        disable.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Operators.SetDisabled(call.Session, parse.GetValue(login)!, true)))));
        var enable = new Command("enable", "Enable an operator") { login };
        enable.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Operators.SetDisabled(call.Session, parse.GetValue(login)!, false)))));
        var reset = new Command("reset-password", "Set a new password (PREPAID_NEW_PASSWORD) and clear a lock-out") { login };
        reset.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(NewPassword(call) is { } password
            ? call.Print(call.Office.Operators.ResetPassword(call.Session, parse.GetValue(login)!, password))
            : ExitCodes.Environment)));
        var recovery = new Option<bool>("--recovery")
        {
            Description = "No administrator can log in: unlock (and enable) LOGIN with the site's recovery code (PREPAID_RECOVERY_CODE, or asked at a terminal); PREPAID_NEW_PASSWORD, if set, replaces the password",
        };
        var unlock = new Command("unlock", "Clear an operator's lock-out (an administrator), or with --recovery let an administrator back in by the site's recovery code") { login, recovery };
        unlock.SetAction(parse => parse.GetValue(recovery)
            ? VendCall.Run(parse, call => Task.FromResult(Recover(call, parse.GetValue(login)!)), VendCall.Books.Opened)
            : VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Operators.ClearLockOut(call.Session, parse.GetValue(login)!)))));
        var list = new Command("list", "List operators");
        list.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Operators.List(call.Session)))));
        var roleName = new Argument<string>("ROLE");
        var functions = new Option<string>("--functions") { Description = "Comma-separated functions, e.g. sales,queries", Required = true };
        var setRole = new Command("role", "Create or change a role's functions") { roleName, functions };
        setRole.SetAction(parse => VendCall.Run(parse, call =>
        {
            var (permissions, error) = SeedRoles.Parse(parse.GetValue(functions)!);
            return Task.FromResult(error is not null
                ? call.Context.Fail(ExitCodes.Refused, error)
                : call.Print(call.Office.Operators.SetRole(call.Session, parse.GetValue(roleName)!, permissions), r => new { r.Name, Functions = SeedRoles.Format(r.Permissions) }));
        }));
        var roles = new Command("roles", "List roles and their functions");
        roles.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Operators.Roles(call.Session),
            list => list.Select(r => new { r.Name, Functions = SeedRoles.Format(r.Permissions) })))));
        return new Command("operator", "Operators and roles") { add, change, disable, enable, reset, unlock, list, setRole, roles };
    }

    public static Command Groups()
    {
        var code = new Option<string>("--code") { Description = "Supply group code, 6 digits", Required = true };
        var name = new Option<string>("--name") { Description = "Group name", Required = true };
        var secret = new Option<string>("--secret") { Description = "Maintenance code as hex (never printed in full afterwards)", Required = true };
        var model = new Option<string>("--model") { Description = "Meter model: a shipped id or a model file", Required = true };
        var layout = new Option<string?>("--layout") { Description = "Card layout: a shipped id or a layout file, one the model reads (default: the model's first)" };
        var unit = new Option<string?>("--unit") { Description = "energy, money or volume (default: the model's credit unit, which it must be)" };
        var limit = new Option<string>("--limit") { Description = "Purchase limit (0 = none)", DefaultValueFactory = _ => "0" };
        var preset = new Option<string>("--preset") { Description = "Credit a new meter starts with", DefaultValueFactory = _ => "0" };
        var alarm1 = new Option<string>("--alarm1") { Description = "Alarm level 1", DefaultValueFactory = _ => "0" };
        var alarm2 = new Option<string>("--alarm2") { Description = "Alarm level 2", DefaultValueFactory = _ => "0" };
        var overdraft = new Option<string>("--overdraft") { Description = "Overdraft allowed", DefaultValueFactory = _ => "0" };
        var power = new Option<uint>("--power-limit") { Description = "Power limit in watts (0 = none)" };
        var subMeter = new Option<int?>("--sub-meter") { Description = "Sub-meter number (子表号), 1-4, distinct within the site" };
        var add = new Command("add", "Add a supply group; its meter type (electricity, water, gas) is the model's")
        {
            code, name, secret, model, layout, unit, limit, preset, alarm1, alarm2, overdraft, power, subMeter,
        };
        add.SetAction(parse => VendCall.Run(parse, call =>
        {
            if (!VendArguments.TryParse(call, "--code", SupplyGroupCode.Parse(parse.GetValue(code)), out var groupCode))
            {
                return Task.FromResult(ExitCodes.Refused);
            }

            if (GroupModel.Resolve(parse.GetValue(model)!, parse.GetValue(layout), parse.GetValue(unit), out var mistake) is not { } chosen)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Refused, mistake!));
            }

            var u = chosen.Unit;
            var amounts = new[] { limit, preset, alarm1, alarm2, overdraft }.Select(o => (o.Name, Value: VendArguments.Hundredths(parse.GetValue(o), u, out var error), error)).ToList();
            if (amounts.FirstOrDefault(a => a.error is not null) is { error: not null } bad)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Refused, $"{bad.Name}: {bad.error}"));
            }

            var definition = new SupplyGroupDefinition(groupCode, parse.GetValue(name)!, parse.GetValue(secret)!, chosen.Model.Id, chosen.Layout.Id, u,
                new(u, amounts[0].Value), new(u, amounts[1].Value), new(u, amounts[2].Value), new(u, amounts[3].Value), new(u, amounts[4].Value), parse.GetValue(power)).WithLayout(chosen.Layout) with
            {
                MeterType = chosen.Model.Utility,
                SubMeter = parse.GetValue(subMeter),
            };
            return Task.FromResult(call.Print(call.Office.Groups.Add(call.Session, definition)));
        }));
        var typeCode = new Option<string>("--code") { Description = "Supply group code, 6 digits", Required = true };
        var type = new Option<string>("--type") { Description = "electricity, water or gas", Required = true };
        var meterType = new Command("meter-type", "Record the meter type of a group made before meter types were kept (a gas group then reads as water); once") { typeCode, type };
        meterType.SetAction(parse => VendCall.Run(parse, call =>
        {
            if (Utilities.Parse(parse.GetValue(type)) is not { } utility)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, $"--type {parse.GetValue(type)}: must be electricity, water or gas"));
            }

            return Task.FromResult(VendArguments.TryParse(call, "--code", SupplyGroupCode.Parse(parse.GetValue(typeCode)), out var groupCode)
                ? call.Print(call.Office.Groups.RecordMeterType(call.Session, groupCode, utility))
                : ExitCodes.Refused);
        }));
        var list = new Command("list", "List supply groups (maintenance codes masked)");
        list.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Groups.List(call.Session)))));
        return new Command("group", "Supply groups") { add, meterType, list };
    }

    public static Command Prices()
    {
        var flat = new Option<string>("--flat") { Description = "A flat price per kWh (per m³ for a water or gas group), up to 4 decimals" };
        var tariff = new Option<string>("--tariff") { Description = "A tariff JSON file (flat, tiered, time-of-use or composite; see docs/vending.md)" };
        var group = new Option<string>("--group") { Description = "Supply group code", Required = true };
        var name = new Option<string>("--name") { Description = "Price type name (residential, commercial, ...)", Required = true };
        var preferential = new Option<bool>("--preferential") { Description = "A preferential price list" };
        var add = new Command("add", "Add a price type with its first version, in force now") { group, name, preferential, flat, tariff };
        add.SetAction(parse => VendCall.Run(parse, call =>
            Task.FromResult(Definition(call, parse, flat, tariff) is { } json && VendArguments.TryParse(call, "--group", SupplyGroupCode.Parse(parse.GetValue(group)), out var code)
                ? call.Print(call.Office.Prices.AddType(call.Session, code, parse.GetValue(name)!, parse.GetValue(preferential), json))
                : ExitCodes.Refused)));
        var id = new Argument<long>("ID") { Description = "Price type id" };
        var from = new Option<string>("--from") { Description = "Effective date or moment (UTC), now or later", Required = true };
        var adjust = new Command("adjust", "Add a version from an effective date; sales before it keep the old price") { id, from, flat, tariff };
        adjust.SetAction(parse => VendCall.Run(parse, call =>
            Task.FromResult(Definition(call, parse, flat, tariff) is not { } json ? ExitCodes.Refused
                : VendArguments.Moment(parse.GetValue(from)) is not { } at ? call.Context.Fail(ExitCodes.Refused, "--from takes a date (2026-12-01) or an ISO-8601 moment")
                : call.Print(call.Office.Prices.Adjust(call.Session, parse.GetValue(id), json, at)))));
        var version = new Argument<long>("VERSION") { Description = "Price version id (see 'price history')" };
        var correct = new Command("correct", "Fix a version no sale has used yet") { version, flat, tariff };
        correct.SetAction(parse => VendCall.Run(parse, call =>
            Task.FromResult(Definition(call, parse, flat, tariff) is { } json ? call.Print(call.Office.Prices.Correct(call.Session, parse.GetValue(version), json)) : ExitCodes.Refused)));
        var delete = new Command("delete", "Delete a price type no account uses") { id };
        delete.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Prices.Delete(call.Session, parse.GetValue(id))))));
        var list = new Command("list", "List price types");
        list.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Prices.List(call.Session)))));
        var history = new Command("history", "A price type's versions") { id };
        history.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Prices.History(call.Session, parse.GetValue(id))))));
        return new Command("price", "Prices: types, versions with effective dates, corrections") { add, adjust, correct, delete, list, history };
    }

    public static Command Customers()
    {
        var name = new Option<string>("--name") { Description = "Name" };
        var contact = new Option<string>("--contact") { Description = "Telephone or other contact" };
        var address = new Option<string>("--address") { Description = "Address" };
        var region = new Option<string>("--region") { Description = "Region" };
        var line = new Option<string>("--line") { Description = "Line (feeder)" };
        var area = new Option<string>("--area") { Description = "Transformer area" };
        var category = new Option<string>("--category") { Description = "Customer category" };
        var add = new Command("add", "Register a customer") { name, contact, address, region, line, area, category };
        add.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Customers.Register(call.Session, Details(parse, null, name, contact, address, region, line, area, category))))));
        var number = new Argument<string>("NUMBER") { Description = "Customer number" };
        var change = new Command("change", "Change a customer's details (only the options given)") { number, name, contact, address, region, line, area, category };
        change.SetAction(parse => VendCall.Run(parse, call =>
        {
            if (!VendArguments.TryParse(call, "NUMBER", CustomerNumber.Parse(parse.GetValue(number)), out var n))
            {
                return Task.FromResult(ExitCodes.Refused);
            }

            var current = call.Office.Customers.Get(call.Session, n);
            return Task.FromResult(!current.Success ? call.Print(current)
                : call.Print(call.Office.Customers.Change(call.Session, n, Details(parse, current.Value.Details, name, contact, address, region, line, area, category))));
        }));
        var text = new Argument<string>("TEXT") { Description = "Part of a number, name, address or contact" };
        var search = new Command("search", "Find customers") { text };
        search.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Customers.Search(call.Session, parse.GetValue(text)!)))));
        var show = new Command("show", "Show a customer and their accounts") { number };
        show.SetAction(parse => VendCall.Run(parse, call =>
            Task.FromResult(VendArguments.TryParse(call, "NUMBER", CustomerNumber.Parse(parse.GetValue(number)), out var n)
                ? call.Print(call.Office.Customers.Get(call.Session, n), c => new { Customer = c, Accounts = call.Office.Accounts.List(call.Session, n).Value })
                : ExitCodes.Refused)));
        return new Command("customer", "Customers") { add, change, search, show };
    }

    public static Command Meters()
    {
        var number = new Argument<string>("NUMBER") { Description = "Meter number, up to 12 digits" };
        var group = new Option<string>("--group") { Description = "Supply group code", Required = true };
        var model = new Option<string>("--model") { Description = "Meter model (default: the group's)", DefaultValueFactory = _ => "" };
        var stock = new Command("stock-in", "Put a meter in stock") { number, group, model };
        stock.SetAction(parse => VendCall.Run(parse, call =>
            Task.FromResult(VendArguments.TryParse(call, "NUMBER", MeterNumber.Parse(parse.GetValue(number)), out var n)
                && VendArguments.TryParse(call, "--group", SupplyGroupCode.Parse(parse.GetValue(group)), out var g)
                ? call.Print(call.Office.Meters.StockIn(call.Session, n, g, parse.GetValue(model)!))
                : ExitCodes.Refused)));
        var restore = new Command("restore", "Return a removed meter to stock") { number };
        restore.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(WithMeter(call, parse, number, n => call.Print(call.Office.Meters.Restore(call.Session, n))))));
        var retire = new Command("retire", "Retire a meter in stock or removed") { number };
        retire.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(WithMeter(call, parse, number, n => call.Print(call.Office.Meters.Retire(call.Session, n))))));
        var file = new Command("file", "The meter file: every step of the meter's life") { number };
        file.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(WithMeter(call, parse, number, n =>
            call.Print(call.Office.Meters.File(call.Session, n), f => new { f.Meter, f.History })))));
        var list = new Command("list", "List meters");
        list.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Meters.List(call.Session)))));
        return new Command("meter", "Meters: stock, restore, retire, meter file") { stock, restore, retire, file, list };
    }

    private static int WithMeter(VendCall call, ParseResult parse, Argument<string> number, Func<MeterNumber, int> body) =>
        VendArguments.TryParse(call, "NUMBER", MeterNumber.Parse(parse.GetValue(number)), out var n) ? body(n) : ExitCodes.Refused;

    private static CustomerDetails Details(ParseResult parse, CustomerDetails? current, params Option<string>[] o) => new(
        parse.GetValue(o[0]) ?? current?.Name ?? "", parse.GetValue(o[1]) ?? current?.Contact ?? "", parse.GetValue(o[2]) ?? current?.Address ?? "",
        parse.GetValue(o[3]) ?? current?.Region ?? "", parse.GetValue(o[4]) ?? current?.Line ?? "", parse.GetValue(o[5]) ?? current?.TransformerArea ?? "",
        parse.GetValue(o[6]) ?? current?.Category ?? "");

    private static int Recover(VendCall call, string login)
    {
        var code = Environment.GetEnvironmentVariable("PREPAID_RECOVERY_CODE");
        if (string.IsNullOrEmpty(code))
        {
            if (Console.IsInputRedirected)
            {
                return call.Context.Fail(ExitCodes.Environment, "set PREPAID_RECOVERY_CODE to the site's recovery code (or run at a terminal to be asked)");
            }

            call.Context.Error.Write("recovery code: ");
            code = Console.ReadLine() ?? "";
        }

        var password = Environment.GetEnvironmentVariable("PREPAID_NEW_PASSWORD");
        return call.Print(call.Office.Operators.RecoverWithCode(login, code, string.IsNullOrEmpty(password) ? null : password), r => new
        {
            r.Operator.Login, r.Operator.Role, Unlocked = !r.Operator.Locked, PasswordReplaced = !string.IsNullOrEmpty(password),
            r.NextRecoveryCode,
            Note = "the code used is void: keep the new one as the first was (shown once)",
        });
    }

    private static string? NewPassword(VendCall call)
    {
        var password = Environment.GetEnvironmentVariable("PREPAID_NEW_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            call.Context.Fail(ExitCodes.Environment, "set PREPAID_NEW_PASSWORD to the new operator's password");
            return null;
        }

        return password;
    }

    private static string? Definition(VendCall call, ParseResult parse, Option<string> flat, Option<string> tariff)
    {
        var (flatText, file) = (parse.GetValue(flat), parse.GetValue(tariff));
        if ((flatText is null) == (file is null))
        {
            call.Context.Fail(ExitCodes.Refused, "give exactly one of --flat PRICE or --tariff FILE");
            return null;
        }

        if (file is not null)
        {
            return File.ReadAllText(file);
        }

        var price = UnitPrice.Parse(flatText);
        if (!price.TryGetValue(out var value))
        {
            call.Context.Fail(ExitCodes.Refused, $"--flat: {price.Error}");
            return null;
        }

        return TariffDefinitions.ToJson(TariffDefinitions.Flat(value));
    }
}
