using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Cli.Commands.Vend.Keypad;

/// <summary>`prepaid vend token ...`: STS keypad tokens at the counter, through the same books, permissions and log as card sales.</summary>
internal static class VendTokenCommands
{
    /// <summary>Where a vending key is read from: a file, or this variable — never the command line (shell history, the process list).</summary>
    public const string VendingKeyVariable = "PREPAID_VENDING_KEY";

    public static Command Token() => new("token", "Keypad tokens (STS): a group's medium and keys, token accounts, credit token sales, key changes, management tokens")
    {
        Group(), Open(), Meter(), Sell(), Reprint(), Correct(), Cancel(), KeyChange(), Management(), Close(),
    };

    private static Option<long> Account() => new("--account") { Description = "The token account's id", Required = true };

    private static Option<string> Reason(string what) => new("--reason") { Description = what + " (logged)", Required = true };

    private static Command Group()
    {
        var code = new Option<string>("--code") { Description = "Supply group code, 6 digits (the group's STS supply group code)", Required = true };
        var medium = new Option<string>("--medium") { Description = "card, token or both", Required = true };
        var keyFile = new Option<string?>("--vending-key-file") { Description = $"A file holding the vending key as hex (or set {VendingKeyVariable}); adds a token key. Never printed or logged" };
        var keyType = new Option<int>("--key-type") { Description = "Key type (KT) 0-2 (3, a common key, is not supported)", DefaultValueFactory = _ => 2 };
        var tariffIndex = new Option<int>("--tariff-index") { Description = "Tariff index (TI) 0-99", DefaultValueFactory = _ => 1 };
        var revision = new Option<int>("--key-revision") { Description = "Key revision number (KRN) 1-9", DefaultValueFactory = _ => 1 };
        var expiry = new Option<int>("--key-expiry") { Description = "Key expiry number (KEN) 0-255; 255 never expires", DefaultValueFactory = _ => 255 };
        var baseDate = new Option<string>("--base-date") { Description = "Base date of token identifiers: 1993, 2014 or 2035", DefaultValueFactory = _ => "2014" };
        var algorithm = new Option<string>("--algorithm") { Description = "Encryption algorithm: 07 (STA) or 11 (MISTY1)", DefaultValueFactory = _ => "07" };
        var dkga = new Option<string>("--dkga") { Description = "Decoder key generation: 02 (64-bit DES vending key) or 04 (128 bits or more)", DefaultValueFactory = _ => "02" };
        var set = new Command("set", "Set a group's medium; with a vending key (file or PREPAID_VENDING_KEY) add a token key of a new revision or base date")
        {
            code, medium, keyFile, keyType, tariffIndex, revision, expiry, baseDate, algorithm, dkga,
        };
        set.SetAction(parse => VendCall.Run(parse, call =>
        {
            if (SupplyMedia.Parse(parse.GetValue(medium)) is not { } chosen)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, $"--medium {parse.GetValue(medium)}: must be card, token or both"));
            }

            if (!VendArguments.TryParse(call, "--code", SupplyGroupCode.Parse(parse.GetValue(code)), out var group))
            {
                return Task.FromResult(ExitCodes.Refused);
            }

            string? hex;
            if (parse.GetValue(keyFile) is { } path)
            {
                // An input file: missing, a folder or unreadable is exit 2 naming the path (docs/cli.md, the I/O rule).
                hex = PathIo.Reading(path, () => File.ReadAllText(path)).Trim();
            }
            else
            {
                hex = Environment.GetEnvironmentVariable(VendingKeyVariable) is { Length: > 0 } variable ? variable.Trim() : null;
            }

            TokenKeyDefinition? key = null;
            if (hex is not null)
            {
                var (bd, ea, kg) = (BaseDates.Parse(parse.GetValue(baseDate)!), Algorithm(parse.GetValue(algorithm)), Generation(parse.GetValue(dkga)));
                if (bd is null || ea is null || kg is null)
                {
                    return Task.FromResult(call.Context.Fail(ExitCodes.Usage,
                        bd is null ? "--base-date: must be 1993, 2014 or 2035" : ea is null ? "--algorithm: must be 07 or 11" : "--dkga: must be 02 or 04"));
                }

                key = new TokenKeyDefinition(hex, parse.GetValue(keyType), parse.GetValue(tariffIndex), parse.GetValue(revision), parse.GetValue(expiry), bd.Value, ea.Value, kg.Value);
            }

            return Task.FromResult(call.Print(call.Office.TokenGroups.Set(call.Session, group, chosen, key), Shown(call)));
        }));

        var showCode = new Option<string>("--code") { Description = "Supply group code, 6 digits", Required = true };
        var show = new Command("show", "Show a group's medium and token keys (never the vending key)") { showCode };
        show.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(
            VendArguments.TryParse(call, "--code", SupplyGroupCode.Parse(parse.GetValue(showCode)), out var group)
                ? call.Print(call.Office.TokenGroups.Get(call.Session, group), Shown(call))
                : ExitCodes.Refused)));
        return new Command("group", "A supply group's medium (card, token, both) and token keys (administrators)") { set, show };
    }

    private static Command Open()
    {
        var customer = new Option<string>("--customer") { Description = "Customer number", Required = true };
        var meter = new Option<string>("--meter") { Description = "Meter number (from stock)", Required = true };
        var price = new Option<long>("--price") { Description = "Price type id", Required = true };
        var drn = new Option<string>("--drn") { Description = "The meter's decoder reference number: 11 digits, the last a Luhn check", Required = true };
        var iin = new Option<string>("--iin") { Description = "Issuer identification number", DefaultValueFactory = _ => MeterIdentity.DefaultIin };
        var revision = new Option<int?>("--key-revision") { Description = "The group's key the meter holds, by key revision (default: the key the books know it holds, else the newest whose base date has begun)" };
        var baseDate = new Option<string?>("--base-date") { Description = "The group's key the meter holds, by base date (1993, 2014, 2035)" };
        var command = new Command("open", "Open a token account on a meter from stock of a group that sells tokens (no card, no first purchase)")
        {
            customer, meter, price, drn, iin, revision, baseDate,
        };
        command.SetAction(parse => VendCall.Run(parse, call =>
        {
            if (!VendArguments.TryParse(call, "--customer", CustomerNumber.Parse(parse.GetValue(customer)), out var c)
                || !VendArguments.TryParse(call, "--meter", MeterNumber.Parse(parse.GetValue(meter)), out var m))
            {
                return Task.FromResult(ExitCodes.Refused);
            }

            BaseDate? bd = null;
            if (parse.GetValue(baseDate) is { } text && (bd = BaseDates.Parse(text)) is null)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, "--base-date: must be 1993, 2014 or 2035"));
            }

            return Task.FromResult(call.Print(
                call.Office.Tokens.Open(call.Session, c, m, parse.GetValue(price), parse.GetValue(drn)!, parse.GetValue(iin), parse.GetValue(revision), bd), ShownMeter(call)));
        }));
        return command;
    }

    private static Command Meter()
    {
        var account = Account();
        var command = new Command("meter", "Show a token account's meter: DRN, the key it holds, its last token identifier") { account };
        command.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Tokens.Meter(call.Session, parse.GetValue(account)), ShownMeter(call)))));
        return command;
    }

    private static Command Sell()
    {
        var account = Account();
        var purchase = VendArguments.PurchaseOptions.Create();
        var command = new Command("sell", "Sell credit to a token account: the receipt carries the credit token (4-4-4-4-4)") { account };
        Add(command, purchase);
        command.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(
            VendArguments.TryPurchase(call, parse, purchase, out var request, out var exit)
                ? PrintReceipt(call, call.Office.Tokens.Sell(call.Session, parse.GetValue(account), request))
                : exit)));
        return command;
    }

    private static Command Reprint()
    {
        var receipt = new Option<long>("--receipt") { Description = "The receipt number of a token sale", Required = true };
        var command = new Command("reprint", "Print a token sale's receipt again, with the same token (issues nothing)") { receipt };
        command.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(PrintReceipt(call, call.Office.Tokens.Reprint(call.Session, parse.GetValue(receipt))))));
        return command;
    }

    private static Command Correct()
    {
        var account = Account();
        var reason = Reason("Why the sale is corrected");
        var purchase = VendArguments.PurchaseOptions.Create();
        var command = new Command("correct", "Correct the account's last token sale: a new sale and a new token for the new amount; the first token stays valid at the meter")
        {
            account, reason,
        };
        Add(command, purchase);
        command.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(
            VendArguments.TryPurchase(call, parse, purchase, out var request, out var exit)
                ? PrintReceipt(call, call.Office.Tokens.Correct(call.Session, parse.GetValue(account), request, parse.GetValue(reason)!))
                : exit)));
        return command;
    }

    private static Command Cancel()
    {
        var account = Account();
        var reason = Reason("Why the sale is cancelled");
        var command = new Command("cancel", "Cancel the account's last token sale: its money refunded, nothing issued; its token stays valid at the meter") { account, reason };
        command.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(
            PrintReceipt(call, call.Office.Tokens.Cancel(call.Session, parse.GetValue(account), parse.GetValue(reason)!)))));
        return command;
    }

    private static Command Close()
    {
        var account = Account();
        var command = new Command("close", "Close a token account on a link reading of its meter taken since its last token: its credit refunded or kept by the site's rule, the meter back to stock (administrators)")
        {
            account,
        };
        command.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Tokens.Close(call.Session, parse.GetValue(account))))));
        return command;
    }

    private static Command KeyChange()
    {
        var account = Account();
        var revision = new Option<int?>("--key-revision") { Description = "The group's key to move to, by key revision (default: the group's newest key)" };
        var baseDate = new Option<string?>("--base-date") { Description = "The group's key to move to, by base date (1993, 2014, 2035); a later one sets the rollover bit" };
        var purchase = VendArguments.PurchaseOptions.Create();
        var command = new Command("keychange", "Key change tokens (2 for a 64-bit key, 4 for 128-bit) for a token account's meter, with a credit token under the new key when an amount is given")
        {
            account, revision, baseDate,
        };
        Add(command, purchase);
        command.SetAction(parse => VendCall.Run(parse, call =>
        {
            PurchaseRequest? credit = null;
            if (purchase.All.Any(o => parse.GetResult(o) is not null))
            {
                if (!VendArguments.TryPurchase(call, parse, purchase, out var request, out var exit))
                {
                    return Task.FromResult(exit);
                }

                credit = request;
            }

            BaseDate? bd = null;
            if (parse.GetValue(baseDate) is { } text && (bd = BaseDates.Parse(text)) is null)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, "--base-date: must be 1993, 2014 or 2035"));
            }

            var changed = call.Office.Tokens.ChangeKey(call.Session, parse.GetValue(account), parse.GetValue(revision), bd, credit);
            return Task.FromResult(call.Print(changed, c => call.AsJson ? c : new
            {
                c.AccountId,
                From = Describe(c.From),
                To = Describe(c.To),
                c.Rollover,
                Enter = c.Tokens.Select((t, i) => $"{i + 1}. {t.Token} ({t.What})").Concat(c.Credit is { Token: { } credited } ? [$"{c.Tokens.Count + 1}. {credited.Token} ({credited.What})"] : []).ToList(),
                Receipt = c.Credit?.Receipt.ReceiptNumber,
            }));
        }));
        return command;
    }

    private static Command Management()
    {
        var account = Account();
        var act = new Option<string>("--act") { Description = "power-limit, clear-credit, clear-tamper or phase-unbalance", Required = true };
        var watts = new Option<long?>("--watts") { Description = "The limit in watts (power-limit, phase-unbalance)" };
        var reason = Reason("Why the token is issued");
        var command = new Command("management", "Issue a management token to a token account's meter (administrators)") { account, act, watts, reason };
        command.SetAction(parse => VendCall.Run(parse, call =>
        {
            if (ManagementActs.Parse(parse.GetValue(act)) is not { } chosen)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, $"--act {parse.GetValue(act)}: must be power-limit, clear-credit, clear-tamper or phase-unbalance"));
            }

            // Whether --watts belongs is the command line's shape (the act names it), so a missing or extra one is a usage error.
            if (chosen.TakesWatts() != (parse.GetValue(watts) is not null))
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage,
                    chosen.TakesWatts() ? $"--watts: {chosen.Name()} needs the limit in watts" : $"--watts: {chosen.Name()} takes no watts"));
            }

            return Task.FromResult(call.Print(call.Office.Tokens.Manage(call.Session, parse.GetValue(account), chosen, parse.GetValue(watts), parse.GetValue(reason)!)));
        }));
        return command;
    }

    private static void Add(Command command, VendArguments.PurchaseOptions purchase)
    {
        foreach (var option in purchase.All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>A token receipt: the sale's fields, the token, what it carries and any notice, on one level.</summary>
    private static int PrintReceipt(VendCall call, VendResult<TokenReceipt> result) => call.Print(result, r => new
    {
        Receipt = r.Receipt.ReceiptNumber,
        r.Receipt.AccountId,
        r.Receipt.Customer,
        r.Receipt.CustomerName,
        r.Receipt.Meter,
        r.Receipt.Kind,
        r.Receipt.Status,
        Purchase = r.Receipt.PurchaseCount,
        r.Receipt.Credit,
        r.Receipt.Energy,
        r.Receipt.Money,
        r.Receipt.ArrearsCollected,
        Token = r.Token?.Token,
        Tid = r.Token?.Tid,
        r.TokenCredit,
        r.RoundedUpBy,
        r.Notice,
        r.Receipt.Operator,
        r.Receipt.At,
    });

    /// <summary>A token group: as it is in JSON; its keys one line each in text.</summary>
    private static Func<TokenGroup, object?> Shown(VendCall call) => g => call.AsJson ? g : new { g.Code, g.Name, g.Medium, g.MeterType, Keys = g.Keys.Select(Describe).ToList() };

    /// <summary>A token meter: as it is in JSON; in text its key on one line, as `group show` prints keys (2014, EA07/DKGA02, not enum names).</summary>
    private static Func<TokenMeter, object?> ShownMeter(VendCall call) => m => call.AsJson ? m : new { m.AccountId, m.Meter, m.Iin, m.Drn, Key = Describe(m.Key), m.LastTid };

    private static string Describe(TokenKeyInfo k) =>
        $"key revision {k.KeyRevision}, base date {(int)k.BaseDate}, EA{(int)k.Algorithm:D2}/DKGA{(int)k.Generation:D2}, KT {k.KeyType}, TI {k.TariffIndex:D2}, KEN {k.KeyExpiry}";

    private static EncryptionAlgorithm? Algorithm(string? text) => text switch
    {
        "07" or "7" => EncryptionAlgorithm.Sta,
        "11" => EncryptionAlgorithm.Misty1,
        _ => null,
    };

    private static KeyGeneration? Generation(string? text) => text switch
    {
        "02" or "2" => KeyGeneration.Dkga02,
        "04" or "4" => KeyGeneration.Dkga04,
        _ => null,
    };
}
