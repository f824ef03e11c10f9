using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Lab.Tests.Scenarios;

public sealed class ScenarioParserTests
{
    private static string With(string steps, string extra = "") =>
        $$"""{ "name": "t", "model": "pm-ref-energy"{{extra}}, "steps": [ {{steps}} ] }""";

    private static IReadOnlyList<string> Errors(string json)
    {
        var result = ScenarioParser.Parse(json, "t.json");
        result.Success.ShouldBeFalse();
        return result.Errors;
    }

    [Fact]
    public void Parse_EveryStepKindWithItsArguments_ReadsValues()
    {
        var scenario = ScenarioParser.Parse(With("""
            { "do": "openAccount", "energy": "50" },
            { "do": "sell", "money": 5, "expect": { "refused": "cardNotSwiped", "receipts": 1 } },
            { "do": "swipe", "cut": "duringCardWrite", "expect": { "result": "powerCut", "remaining": "-3.25", "openReasons": ["alarm2", "remote"] } },
            { "do": "consume", "load": "2.5kW", "powerFactor": "0.99", "for": "36h" },
            { "do": "remote", "command": "closePermitted" }
            """), "t.json").GetScenarioOrThrow();

        scenario.Steps.Count.ShouldBe(5);
        scenario.Steps[1].Purchase!.Value.Money!.Value.Hundredths.ShouldBe(500);
        scenario.Steps[1].Expect.Refused.ShouldBe(RefusalReason.CardNotSwiped);
        scenario.Steps[2].Cut.ShouldBe(PowerCut.HalfwayThroughCardWrite);
        scenario.Steps[2].Expect.Remaining.ShouldBe(-325);
        scenario.Steps[2].Expect.OpenReasons.ShouldBe(OpenReasons.Alarm2 | OpenReasons.Remote);
        scenario.Steps[3].Duration.ShouldBe(TimeSpan.FromHours(36));
        scenario.Steps[3].Load!.WattsAt(scenario.Start).ShouldBe(2500);
        scenario.Steps[3].Load!.PowerFactorAt(scenario.Start).ShouldBe(990);
        scenario.Steps[4].Command.ShouldBe(RemoteCommand.ClosePermitted);
        scenario.Start.ShouldBe(ScenarioParser.DefaultStart);
    }

    [Fact]
    public void Parse_UnknownStep_NamesFileStepAndTheKinds()
    {
        var error = Errors(With("""{ "do": "openAccount", "energy": 5 }, { "do": "sel", "energy": "10" }""")).ShouldHaveSingleItem();

        error.ShouldStartWith("t.json, step 2: 'do': 'sel' is not one of");
        error.ShouldContain("openAccount, sell, correct");
    }

    [Fact]
    public void Parse_FieldOfTheWrongType_IsRefused()
    {
        var errors = Errors(With("""{ "do": "openAccount", "energy": ["50"] }, { "do": "consume", "load": "2kW", "for": 36 }"""));

        errors.ShouldContain(e => e.StartsWith("t.json, step 1 ('openAccount'): 'energy' must be a string or a number, not a list", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("t.json, step 2 ('consume'): 'for': '36' is not a duration", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MisspeltField_IsRefusedWithWhatTheStepTakes()
    {
        var error = Errors(With("""{ "do": "openAccount", "energy": 5, "meterr": "12345678" }""")).ShouldHaveSingleItem();

        error.ShouldBe("t.json, step 1 ('openAccount'): unknown field 'meterr'; it takes energy, volume, money, meter, interrupt, afterBytes, note and expect");
    }

    [Fact]
    public void Parse_NullAmount_IsRefusedNotReadAsNoAmount()
    {
        var error = Errors(With("""{ "do": "openAccount", "energy": 5 }, { "do": "swipe" }, { "do": "sell", "energy": null }""")).ShouldHaveSingleItem();

        error.ShouldBe("t.json, step 3 ('sell'): 'energy' is null: give it a value or leave it out");
    }

    [Fact]
    public void Parse_ExpectationThatNamesNothing_IsRefused()
    {
        var errors = Errors(With("""
            { "do": "openAccount", "energy": 5, "expect": { "result": "loaded" } },
            { "do": "swipe", "expect": { "refused": "cardNotSwiped" } },
            { "do": "advance", "for": "1d", "expect": { } },
            { "do": "swipe", "expect": { "remainng": "5" } }
            """));

        errors.ShouldContain("t.json, step 1 ('openAccount'), expect: 'result' names nothing here: openAccount inserts no card in a meter");
        errors.ShouldContain("t.json, step 2 ('swipe'), expect: 'refused' names nothing here: swipe is not done at the counter");
        errors.ShouldContain("t.json, step 3 ('advance'), expect: 'expect' names nothing: give at least one of its fields or leave it out");
        errors.ShouldContain(e => e.StartsWith("t.json, step 4 ('swipe'), expect: unknown field 'remainng'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ExpectedValueThatDoesNotExist_ListsTheValues()
    {
        var error = Errors(With("""{ "do": "openAccount", "energy": "10" }, { "do": "swipe", "expect": { "result": "loadedd" } }""")).ShouldHaveSingleItem();

        error.ShouldStartWith("t.json, step 2 ('swipe'), expect: 'result': 'loadedd' is not one of loaded, alreadyLoaded");
    }

    [Fact]
    public void Parse_ReplayOfAnImageNeverKept_IsRefused()
    {
        var error = Errors(With("""{ "do": "openAccount", "energy": "10" }, { "do": "replay", "image": "first" }, { "do": "keepImage", "as": "first" }""")).ShouldHaveSingleItem();

        error.ShouldContain("no earlier keepImage step keeps an image called 'first'");
    }

    [Fact]
    public void Parse_MeterNotInStock_IsRefused()
    {
        var error = Errors(With("""{ "do": "openAccount", "energy": "10" }, { "do": "changeMeter", "to": "99" }""")).ShouldHaveSingleItem();

        error.ShouldBe("t.json, step 2 ('changeMeter'): meter 000000000099 is not in stock at the site (000012345678, 000012345679)");
    }

    [Fact]
    public void Parse_SwipeBeforeAnyAccount_IsRefusedWhenTheFileLoads()
    {
        var errors = Errors(With("""{ "do": "swipe" }, { "do": "openAccount", "energy": "10" }, { "do": "sell", "energy": "5" }"""));

        errors.ShouldBe(["t.json, step 1 ('swipe'): needs the customer's card, and no account is open before step 2 ('openAccount')"]);
    }

    [Fact]
    public void Parse_SellWithNoAccountAnywhere_IsRefusedWhenTheFileLoads()
    {
        var error = Errors(With("""{ "do": "advance", "for": "1h" }, { "do": "sell", "energy": "5" }""")).ShouldHaveSingleItem();

        error.ShouldBe("t.json, step 2 ('sell'): needs the customer's card, and no step opens an account ('openAccount')");
    }

    [Fact]
    public void Parse_ReplayOfTheLostCard_IsAccepted()
    {
        var result = ScenarioParser.Parse(With("""{ "do": "openAccount", "energy": "10" }, { "do": "loseCard" }, { "do": "replay", "image": "lost" }"""), "t.json");

        result.Errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{ "do": "tamperCard", "offset": 4294967295 }""", "'offset': '4294967295' is not a whole number from 0 to 2147483647")]
    [InlineData("""{ "do": "advance", "for": "1h", "expect": { "receipts": 3000000000 } }""", "'receipts': '3000000000' is not a whole number from 0 to 2147483647")]
    public void Parse_CountTooLargeForItsUse_IsAMistakeNotACrash(string step, string expected)
    {
        Errors(With("""{ "do": "openAccount", "energy": "10" }, """ + step)).ShouldContain(e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SecretWithSpacesAround_IsReadTrimmed()
    {
        var result = ScenarioParser.Parse(With("""{ "do": "openAccount", "energy": "10" }""", """, "site": { "secret": " 0011223344556677 " }"""), "t.json");

        result.Errors.ShouldBeEmpty();
        result.Scenario!.Site.Secret.ShouldBe(Convert.FromHexString("0011223344556677"));
    }

    [Fact]
    public void Parse_BadTopLevel_ReportsEveryMistakeAtOnce()
    {
        var errors = Errors("""{ "model": "no-such-model", "start": "yesterday", "colour": "red", "steps": [] }""");

        errors.ShouldContain("t.json: 'name' is missing");
        errors.ShouldContain(e => e.StartsWith("t.json: 'model': no-such-model: no shipped model has this id and no file has this path; the shipped models are", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("t.json: 'start': 'yesterday' is not a UTC time", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("t.json: unknown field 'colour'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NotJson_IsOneError()
    {
        Errors("{ \"name\": ").ShouldHaveSingleItem().ShouldStartWith("t.json: not JSON:");
    }

    [Fact]
    public void Parse_SiteSettings_AreRead()
    {
        var scenario = ScenarioParser.Parse(With("""{ "do": "advance", "for": "1h" }""",
            """, "site": { "group": "100002", "secret": "0102030405060708", "purchaseLimit": "100", "powerLimit": "3kW", "meters": ["1", "2", "3"], "customer": { "name": "Zhang San" } }"""),
            "t.json").GetScenarioOrThrow();

        scenario.Site.Group.Value.ShouldBe(100002u);
        scenario.Site.PurchaseLimit.ShouldBe(10_000);
        scenario.Site.PowerLimitWatts.ShouldBe(3000u);
        scenario.Site.Meters.Count.ShouldBe(3);
        scenario.Site.CustomerName.ShouldBe("Zhang San");
    }

    [Fact]
    public void Load_MissingFile_IsOneErrorNotAnException()
    {
        ScenarioParser.Load("/nonexistent/scenario.json").Errors.ShouldHaveSingleItem().ShouldStartWith("/nonexistent/scenario.json: cannot be read");
    }
}
