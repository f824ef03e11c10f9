using System.Text.Json;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Cli.Tests.Commands.Tokens;

public sealed class TokenCommandsTests
{
    private static readonly string[] Meter = ["--meter", "01234567897", "--sgc", "123456", "--vending-key", "0123456789ABCDEF"];
    private static readonly string[] OtherMeter = ["--meter", "01234567889", "--sgc", "123456", "--vending-key", "0123456789ABCDEF"];
    private static readonly string[] AtEight = ["--at", "2026-12-07T08:00:00Z", "--random", "5"];

    private static async Task<JsonElement> JsonAsync(params string[] args)
    {
        var (exit, output, error) = await Prepaid.RunAsync([.. args, "--json"]);
        exit.ShouldBe(ExitCodes.Success, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public async Task Credit_ThenDecodeForTheSameMeter_GivesTheAmountRoundedUpAndTheMinute()
    {
        var made = await JsonAsync(["token", "credit", .. Meter, "--amount", "12.55", .. AtEight]);
        made.GetProperty("amount").GetString().ShouldBe("12.6");
        made.GetProperty("asked").GetString().ShouldBe("12.55");

        var read = await JsonAsync(["token", "decode", made.GetProperty("token").GetString()!, .. Meter]);
        read.GetProperty("type").GetString().ShouldBe("electricity");
        read.GetProperty("amount").GetString().ShouldBe("12.6");
        read.GetProperty("issued").GetString().ShouldBe("2026-12-07 08:00Z");
        read.GetProperty("tid").GetInt32().ShouldBe(TokenIdentifier.At(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero), BaseDate.Year2014)!.Value.Minutes);
    }

    [Fact]
    public async Task Credit_SameMinuteAndRandom_SameToken()
    {
        var first = await JsonAsync(["token", "credit", .. Meter, "--amount", "10", .. AtEight]);
        var second = await JsonAsync(["token", "credit", .. Meter, "--amount", "10", .. AtEight]);
        second.GetProperty("token").GetString().ShouldBe(first.GetProperty("token").GetString());
    }

    [Fact]
    public async Task Decode_TokenOfAnotherMeter_IsRefusedWithExit2()
    {
        var made = await JsonAsync(["token", "credit", .. Meter, "--amount", "10", .. AtEight]);

        var (exit, _, error) = await Prepaid.RunAsync(["token", "decode", made.GetProperty("digits").GetString()!, .. OtherMeter]);

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("CRC does not hold");
    }

    [Fact]
    public async Task KeyChange_NewRevision_TwoTokensUnderTheCurrentKeyCarryingTheNewKey()
    {
        var change = await JsonAsync(["token", "keychange", .. Meter, "--new-krn", "2", "--new-ken", "171"]);
        var tokens = change.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("digits").GetString()!).ToList();
        tokens.Count.ShouldBe(2);

        var first = await JsonAsync(["token", "decode", tokens[0], .. Meter]);
        var second = await JsonAsync(["token", "decode", tokens[1], .. Meter]);
        var newKey = (await JsonAsync(["token", "key", .. Meter, "--krn", "2", "--ken", "171"])).GetProperty("decoderKey").GetString();

        first.GetProperty("type").GetString().ShouldBe("key-section-1");
        first.GetProperty("krn").GetInt32().ShouldBe(2);
        (first.GetProperty("kenHigh").GetInt32() * 16 + second.GetProperty("kenLow").GetInt32()).ShouldBe(171);
        (first.GetProperty("newKeyHigh").GetString() + second.GetProperty("newKeyLow").GetString()).ShouldBe(newKey);
    }

    [Fact]
    public async Task KeyChange_ToMisty1_FourTokensWithTheSupplyGroupSplit()
    {
        var change = await JsonAsync(["token", "keychange", .. Meter, "--new-ea", "11", "--new-vending-key", "00112233445566778899AABBCCDDEEFF", "--rollover"]);
        var types = change.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("type").GetString()).ToList();

        types.ShouldBe(["key-section-1", "key-section-2", "key-section-3", "key-section-4"]);
        var third = change.GetProperty("tokens")[2];
        var fourth = change.GetProperty("tokens")[3];
        (fourth.GetProperty("sgcHigh").GetInt32() * 4096 + third.GetProperty("sgcLow").GetInt32()).ShouldBe(123456);
        change.GetProperty("tokens")[0].GetProperty("rollover").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Management_MaxPower_DecodesToItsWatts()
    {
        var made = await JsonAsync(["token", "management", "max-power", "--value", "5000", .. Meter, .. AtEight]);
        var read = await JsonAsync(["token", "decode", made.GetProperty("digits").GetString()!, .. Meter]);

        read.GetProperty("type").GetString().ShouldBe("max-power");
        read.GetProperty("value").GetInt64().ShouldBe(5000);
        read.GetProperty("unit").GetString().ShouldBe("W");
    }

    [Fact]
    public async Task Test_TwoDigitManufacturer_DecodesUnderAnyMetersKey()
    {
        var made = await JsonAsync("token", "test", "--manufacturer", "42", "--control", "3");
        var read = await JsonAsync(["token", "decode", made.GetProperty("digits").GetString()!, .. OtherMeter]);

        read.GetProperty("manufacturerCode").GetString().ShouldBe("42");
        read.GetProperty("control").GetUInt64().ShouldBe(3UL);
    }

    [Fact]
    public async Task Key_Dkga02_IsTheEnginesKey()
    {
        var printed = (await JsonAsync(["token", "key", .. Meter])).GetProperty("decoderKey").GetString();
        var meter = new MeterIdentity("600727", "01234567897", 2, 123456, 1, 1, BaseDate.Year2014, 255);
        printed.ShouldBe(Dkga02.Generate(Convert.FromHexString("0123456789ABCDEF"), meter).ToHex());
    }

    [Fact]
    public async Task Credit_BaseDate1993AfterItsRollover_IsRefused()
    {
        var (exit, _, error) = await Prepaid.RunAsync(["token", "credit", .. Meter, "--amount", "1", "--base-date", "1993", "--at", "2026-01-01T00:00:00Z"]);
        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("ran out on 2024-11-24 20:15:00Z");
    }

    [Theory]
    [InlineData("--ea", "09", "--ea '09'")]
    [InlineData("--base-date", "2000", "--base-date '2000'")]
    [InlineData("--meter", "01234567890", "check digit")]
    [InlineData("--krn", "0", "key revision")]
    [InlineData("--amount", "-1", "--amount")]
    [InlineData("--amount", "1820162.5", "--amount")]
    [InlineData("--kind", "water-currency", "CRC_C")]
    [InlineData("--decoder-key", "00", "one of them")]
    public async Task Credit_WrongOption_ExitsUsageNamingIt(string option, string value, string named)
    {
        var args = new List<string>(["token", "credit", .. Meter, "--amount", "1"]);
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (exit, _, error) = await Prepaid.RunAsync([.. args]);
        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain(named);
    }

    [Fact]
    public async Task Credit_Dkga02WithMisty1_ExitsUsage()
    {
        var (exit, _, error) = await Prepaid.RunAsync(["token", "credit", .. Meter, "--amount", "1", "--ea", "11", "--dkga", "02"]);
        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("EA07 only");
    }

    [Fact]
    public async Task Credit_LicenseesTables_MakeAnotherTokenThatTheSampleTablesRefuse()
    {
        using var folder = new TempFolder();
        var tables = folder.File("tables.json");
        var permutation = string.Join(',', Enumerable.Range(0, 64).Select(i => (i * 5) % 64));
        File.WriteAllText(tables, $$"""{"substitution1": [3,0,1,2,7,4,5,6,11,8,9,10,15,12,13,14], "substitution2": [1,2,3,0,5,6,7,4,9,10,11,8,13,14,15,12], "permutation": [{{permutation}}]}""");

        var licensed = await JsonAsync(["token", "credit", .. Meter, "--amount", "10", .. AtEight, "--sta-tables", tables]);
        var sample = await JsonAsync(["token", "credit", .. Meter, "--amount", "10", .. AtEight]);

        licensed.GetProperty("token").GetString().ShouldNotBe(sample.GetProperty("token").GetString());
        (await JsonAsync(["token", "decode", licensed.GetProperty("digits").GetString()!, .. Meter, "--sta-tables", tables])).GetProperty("amount").GetString().ShouldBe("10.0");
        (await Prepaid.RunAsync(["token", "decode", licensed.GetProperty("digits").GetString()!, .. Meter])).Exit.ShouldBe(ExitCodes.Refused);
    }

    [Fact]
    public async Task Credit_BrokenTableFile_IsRefusedNamingTheTable()
    {
        using var folder = new TempFolder();
        var tables = folder.File("tables.json");
        File.WriteAllText(tables, """{"substitution1": [0], "substitution2": [], "permutation": []}""");

        var (exit, _, error) = await Prepaid.RunAsync(["token", "credit", .. Meter, "--amount", "1", "--sta-tables", tables]);
        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("substitution1");
    }

    [Fact]
    public async Task Decode_NotTwentyDigits_ExitsUsage()
    {
        var (exit, _, error) = await Prepaid.RunAsync(["token", "decode", "1234", .. Meter]);
        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("not a token");
    }
}
