using System.Text.Json;
using PrepaidMeter.Cli.Tests.Commands.Everything;
using PrepaidMeter.Testing;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// `prepaid vend token ...` through the real command line (docs/vending.md, "Keypad tokens"; docs/cli.md): the group's
/// medium and key, a token account, a sale whose token the meter's own key decodes, and the refusals — a card group, a
/// mistyped DRN, a cashier at an administrator's function — each one line, exit 2, nothing changed.
/// </summary>
[Collection(OperatorsInTheEnvironment.Name)] // one test logs in as a cashier: PREPAID_OPERATOR is the process's
public sealed class VendTokenCommandsTests : IDisposable
{
    private const string VendingKey = "0123456789ABCDEF";
    private const string NextVendingKey = "FEDCBA9876543210";
    private const string Drn = "01234567897";
    private readonly TempFolder _folder = new();

    public VendTokenCommandsTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

    public void Dispose()
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task SellReprintCancel_ThroughTheCli_TheMetersKeyDecodesTheTokenAndTheVendingKeyIsNowhere()
    {
        var counter = await TokenSite();
        var outputs = new List<string>();

        var sold = await Run(counter, outputs, "--json", "token", "sell", "--account", "1", "--energy", "12.34");
        sold.Exit.ShouldBe(0, sold.Err);
        string token;
        int tid;
        using (var json = JsonDocument.Parse(sold.Out))
        {
            token = json.RootElement.GetProperty("token").GetString()!;
            tid = json.RootElement.GetProperty("tid").GetInt32();
            json.RootElement.GetProperty("tokenCredit").GetString().ShouldBe("12.40 kWh");
            json.RootElement.GetProperty("roundedUpBy").GetString().ShouldBe("0.06 kWh");
        }

        token.ShouldMatch(@"^\d{4} \d{4} \d{4} \d{4} \d{4}$");
        var credit = Decode(VendingKey, BaseDate.Year2014, 1, token).ShouldBeOfType<CreditToken>();
        (credit.Amount.Units, credit.Id.Minutes).ShouldBe((124L, tid));

        var second = await Run(counter, outputs, "--json", "token", "sell", "--account", "1", "--energy", "1");
        using (var json = JsonDocument.Parse(second.Out))
        {
            json.RootElement.GetProperty("tid").GetInt32().ShouldBe(tid + 1);
        }

        var reprinted = await Run(counter, outputs, "token", "reprint", "--receipt", "1");
        reprinted.Exit.ShouldBe(0, reprinted.Err);
        reprinted.Out.ShouldContain(token);

        var cancelled = await Run(counter, outputs, "token", "cancel", "--account", "1", "--reason", "wrong account");
        cancelled.Exit.ShouldBe(0, cancelled.Err);
        cancelled.Out.ShouldContain("stays valid at the meter");

        (await Run(counter, outputs, "--json", "token", "group", "show", "--code", "100001")).Exit.ShouldBe(0);
        (await Run(counter, outputs, "--json", "token", "meter", "--account", "1")).Exit.ShouldBe(0);
        (await Run(counter, outputs, "--json", "token", "management", "--account", "1", "--act", "clear-tamper", "--reason", "lid opened")).Exit.ShouldBe(0);
        (await Run(counter, outputs, "--json", "query", "log")).Exit.ShouldBe(0);
        (await Run(counter, outputs, "audit", "verify")).Exit.ShouldBe(0);
        outputs.ShouldAllBe(text => !text.Contains(VendingKey, StringComparison.OrdinalIgnoreCase));
        outputs.ShouldContain(text => text.Contains("token sale cancel"));
    }

    [Fact]
    public async Task KeyChange_WithCredit_PrintsTheTokensInOrderUnderTheRightKeys()
    {
        var counter = await TokenSite(baseDate: "1993");
        File.WriteAllText(_folder.File("vk2"), NextVendingKey);
        (await counter.Vend("token", "group", "set", "--code", "100001", "--medium", "token", "--vending-key-file", _folder.File("vk2"), "--key-revision", "2")).Exit.ShouldBe(0);

        // The 1993 base date is spent (Nov 2024): no sale until the rollover key change.
        var refused = await counter.Vend("token", "sell", "--account", "1", "--energy", "5");
        (refused.Exit, refused.Err.Trim().Split('\n').Length).ShouldBe((2, 1));
        refused.Err.ShouldContain("it sets the rollover bit");

        var changed = await counter.Vend("--json", "token", "keychange", "--account", "1", "--base-date", "2014", "--energy", "5");

        changed.Exit.ShouldBe(0, changed.Err);
        using var json = JsonDocument.Parse(changed.Out);
        json.RootElement.GetProperty("rollover").GetBoolean().ShouldBeTrue();
        var tokens = json.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("token").GetString()!).ToList();
        tokens.Count.ShouldBe(2);
        Decode(VendingKey, BaseDate.Year1993, 1, tokens[0]).ShouldBeOfType<FirstKeySection>().Rollover.ShouldBeTrue();
        Decode(VendingKey, BaseDate.Year1993, 1, tokens[1]).ShouldBeOfType<SecondKeySection>();
        var credit = json.RootElement.GetProperty("credit").GetProperty("token").GetProperty("token").GetString()!;
        Decode(NextVendingKey, BaseDate.Year2014, 2, credit).ShouldBeOfType<CreditToken>().Amount.Units.ShouldBe(50);
        (changed.Out + changed.Err).ShouldNotContain(NextVendingKey);
    }

    [Fact]
    public async Task Refusals_CardGroupBadDrnAndACashier_OneLineExit2AndNothingChanged()
    {
        var counter = await CounterOnFiles.NewSiteAsync(_folder);
        await Books(counter);

        var cardGroup = await counter.Vend("token", "open", "--customer", "1", "--meter", "12345678", "--price", "1", "--drn", Drn);
        (cardGroup.Exit, cardGroup.Err.Trim()).ShouldBe((2, "prepaid: supply group 100001 sells on cards only; an administrator sets its medium to token or both (vend token group set)"));

        File.WriteAllText(_folder.File("vk"), VendingKey);
        (await counter.Vend("token", "group", "set", "--code", "100001", "--medium", "token", "--vending-key-file", _folder.File("vk"))).Exit.ShouldBe(0);
        var noSuchKey = await counter.Vend("token", "open", "--customer", "1", "--meter", "12345678", "--price", "1", "--drn", Drn, "--key-revision", "9");
        (noSuchKey.Exit, noSuchKey.Err.Trim()).ShouldBe((2, "prepaid: supply group 100001 has no token key of revision 9"));
        var notABaseDate = await counter.Vend("token", "open", "--customer", "1", "--meter", "12345678", "--price", "1", "--drn", Drn, "--base-date", "2000");
        notABaseDate.Exit.ShouldBe(1);
        notABaseDate.Err.ShouldContain("--base-date: must be 1993, 2014 or 2035");
        var mistyped = await counter.Vend("token", "open", "--customer", "1", "--meter", "12345678", "--price", "1", "--drn", "01234567890");
        (mistyped.Exit, mistyped.Err.Trim()).ShouldBe((2, "prepaid: DRN '01234567890' fails its check digit (Luhn): mistyped?"));
        (await counter.Vend("--card", "li", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        var cardAccount = await counter.Vend("--card", "li", "account", "open", "--customer", "1", "--meter", "12345678", "--price", "1", "--energy", "5");
        cardAccount.Exit.ShouldBe(2);
        cardAccount.Err.ShouldContain("vend token open");

        (await counter.Vend("token", "open", "--customer", "1", "--meter", "12345678", "--price", "1", "--drn", Drn)).Exit.ShouldBe(0);
        var usage = await counter.Vend("token", "management", "--account", "1", "--act", "explode", "--reason", "x");
        usage.Exit.ShouldBe(1);
        var noWatts = await counter.Vend("token", "management", "--account", "1", "--act", "power-limit", "--reason", "x");
        (noWatts.Exit, noWatts.Err.Trim()).ShouldBe((1, "prepaid: --watts: power-limit needs the limit in watts"));
        var extraWatts = await counter.Vend("token", "management", "--account", "1", "--act", "clear-tamper", "--watts", "5", "--reason", "x");
        (extraWatts.Exit, extraWatts.Err.Trim()).ShouldBe((1, "prepaid: --watts: clear-tamper takes no watts"));
        var text = await counter.Vend("token", "meter", "--account", "1");
        text.Out.ShouldContain("key revision 1, base date 2014, EA07/DKGA02, KT 2, TI 01, KEN 255");
        text.Out.ShouldNotContain("year2014");

        Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", "cash-pass-1");
        try
        {
            (await counter.Vend("operator", "add", "cash1", "--role", "cashier")).Exit.ShouldBe(0);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", null);
        }

        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "cash1");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "cash-pass-1");
        var cashier = await counter.Vend("token", "management", "--account", "1", "--act", "clear-credit", "--reason", "x");
        (cashier.Exit, cashier.Err.Trim()).ShouldBe((2, "prepaid: operator 'cash1' (role cashier) may not use 'token-management'"));
        (await counter.Vend("token", "sell", "--account", "1", "--energy", "2")).Exit.ShouldBe(0);
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
        var meter = await counter.Vend("--json", "token", "meter", "--account", "1");
        using var json = JsonDocument.Parse(meter.Out);
        json.RootElement.GetProperty("lastTid").ValueKind.ShouldBe(JsonValueKind.Number, "only the cashier's sale issued a token");
        // The key's parameters as the standard and the text output name them, not the engine's enum names.
        var key = json.RootElement.GetProperty("key");
        (key.GetProperty("baseDate").GetInt32(), key.GetProperty("algorithm").GetString(), key.GetProperty("generation").GetString()).ShouldBe((2014, "EA07", "DKGA02"));
    }

    private async Task<CounterOnFiles> TokenSite(string baseDate = "2014")
    {
        var counter = await CounterOnFiles.NewSiteAsync(_folder);
        await Books(counter);
        File.WriteAllText(_folder.File("vk"), VendingKey);
        var set = await counter.Vend("token", "group", "set", "--code", "100001", "--medium", "both", "--vending-key-file", _folder.File("vk"), "--base-date", baseDate);
        set.Exit.ShouldBe(0, set.Err);
        var opened = await counter.Vend("token", "open", "--customer", "1", "--meter", "12345678", "--price", "1", "--drn", Drn);
        opened.Exit.ShouldBe(0, opened.Err);
        return counter;
    }

    private static async Task Books(CounterOnFiles counter)
    {
        (await counter.Vend("group", "add", "--code", "100001", "--name", "North", "--secret", CounterOnFiles.Secret, "--model", "pm-ref-energy", "--limit", "999")).Exit.ShouldBe(0);
        (await counter.Vend("price", "add", "--group", "100001", "--name", "residential", "--flat", "0.5")).Exit.ShouldBe(0);
        (await counter.Vend("customer", "add", "--name", "Li Wei")).Exit.ShouldBe(0);
        (await counter.Vend("meter", "stock-in", "12345678", "--group", "100001")).Exit.ShouldBe(0);
    }

    private static async Task<(int Exit, string Out, string Err)> Run(CounterOnFiles counter, List<string> outputs, params string[] args)
    {
        var run = await counter.Vend(args);
        outputs.Add(run.Out);
        outputs.Add(run.Err);
        return run;
    }

    /// <summary>Decodes as the meter of DRN <see cref="Drn"/> in group 100001 holding the key of <paramref name="vendingKey"/> (DKGA02, KT 2, TI 01).</summary>
    private static TokenData Decode(string vendingKey, BaseDate baseDate, int revision, string token)
    {
        var meter = new MeterIdentity(MeterIdentity.DefaultIin, Drn, 2, 100001, 1, revision, baseDate, 255);
        var decoded = new TokenCodec(Dkga02.Generate(Convert.FromHexString(vendingKey), meter).Cipher()).Decode(TokenNumber.Parse(token)!.Value);
        decoded.Succeeded.ShouldBeTrue(decoded.Failure.ToString());
        return decoded.Data!;
    }
}
