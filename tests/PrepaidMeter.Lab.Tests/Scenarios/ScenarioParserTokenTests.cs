using PrepaidMeter.Lab.Scenarios;

namespace PrepaidMeter.Lab.Tests.Scenarios;

/// <summary>Token steps read from a file, and the mistakes in them refused before anything runs.</summary>
public sealed class ScenarioParserTokenTests
{
    private static string On(string model, string steps) => $$"""{ "name": "t", "model": "{{model}}", "steps": [ {{steps}} ] }""";

    private static IReadOnlyList<string> Errors(string json) => ScenarioParser.Parse(json, "t.json").Errors;

    [Fact]
    public void EnterToken_WithItsOptions_ReadsTheOrder()
    {
        var scenario = ScenarioParser.Parse(On("pm-sts-energy", """{ "do": "enterToken", "energy": "12.5", "mistype": 4, "backspace": true, "count": 2, "as": "k", "meter": "12345679", "forMeter": "12345678" }"""), "t.json")
            .GetScenarioOrThrow();

        var order = scenario.Steps[0].Token.ShouldNotBeNull();
        order.ShouldBe(new TokenOrder
        {
            What = TokenWhat.Credit, Credit = 1250, CreditUnit = Core.CreditUnit.Energy, Value = 0, Mistype = 4, WithBackspace = true, Count = 2, KeepAs = "k",
            ForMeter = Core.MeterNumber.From(12345678),
        });
        scenario.Steps[0].Meter.ShouldBe(Core.MeterNumber.From(12345679));
    }

    [Fact]
    public void TokenStep_OnACardOnlyModel_Refused()
    {
        Errors(On("pm-ref-energy", """{ "do": "enterToken", "energy": "10" }""")).ShouldHaveSingleItem().ShouldContain("takes no keypad tokens");
    }

    [Fact]
    public void CardStep_OnAKeypadOnlyModel_Refused()
    {
        Errors(On("pm-sts-energy", """{ "do": "openAccount", "energy": "10" }""")).ShouldHaveSingleItem().ShouldContain("takes keypad tokens only");
    }

    [Fact]
    public void EnterToken_TwoKindsOfToken_Refused()
    {
        Errors(On("pm-sts-energy", """{ "do": "enterToken", "energy": "10", "test": "0" }""")).ShouldHaveSingleItem().ShouldContain("not energy or volume and test");
    }

    [Fact]
    public void EnterToken_AmountNotInTenths_Refused()
    {
        Errors(On("pm-sts-energy", """{ "do": "enterToken", "energy": "10.05" }""")).ShouldHaveSingleItem().ShouldContain("carries tenths");
    }

    [Fact]
    public void EnterToken_KeptNameNoStepKeeps_Refused()
    {
        Errors(On("pm-sts-energy", """{ "do": "enterToken", "token": "later" }""")).ShouldHaveSingleItem().ShouldContain("no earlier step keeps a token called 'later'");
    }

    [Fact]
    public void EnterToken_KeysWithoutEnter_Refused()
    {
        Errors(On("pm-sts-energy", """{ "do": "enterToken", "keys": "1234" }""")).ShouldHaveSingleItem().ShouldContain("no # (enter)");
    }

    [Fact]
    public void MakeToken_WithoutAName_Refused()
    {
        Errors(On("pm-sts-energy", """{ "do": "makeToken", "energy": "10" }""")).ShouldHaveSingleItem().ShouldContain("'as' is missing");
    }

    [Fact]
    public void TokenExpectation_OnAStepThatEntersNoToken_Refused()
    {
        Errors(On("pm-sts-energy", """{ "do": "advance", "for": "1h", "expect": { "token": "accepted" } }""")).ShouldHaveSingleItem().ShouldContain("enters no token");
    }

    [Fact]
    public void KeyChange_SectionOutOfRange_Refused()
    {
        Errors(On("pm-sts-energy", """{ "do": "keyChange", "sections": [1, 5] }""")).ShouldHaveSingleItem().ShouldContain("is not a section number");
    }

    [Fact]
    public void EnterToken_VolumeOnAnElectricityMeter_Refused()
    {
        Errors(On("pm-sts-energy", """{ "do": "enterToken", "volume": "10" }""")).ShouldHaveSingleItem().ShouldContain("its credit tokens carry 'energy'");
    }
    [Fact]
    public void SellToken_WithItsOptions_ReadsThePurchaseAndTheOrder()
    {
        var scenario = ScenarioParser.Parse(On("pm-sts-energy", """{ "do": "sellToken", "money": "12.34", "as": "k", "enter": true }"""), "t.json").GetScenarioOrThrow();

        scenario.Steps[0].Purchase.ShouldBe(Vending.Domain.PurchaseRequest.ForMoney(Core.Money.FromHundredths(1234)));
        scenario.Steps[0].TokenSale.ShouldBe(new TokenSaleOrder("k", Enter: true));
    }

    [Fact]
    public void SellToken_NeitherKeptNorEntered_Refused()
    {
        Errors(On("pm-sts-energy", """{ "do": "sellToken", "energy": "10" }""")).ShouldHaveSingleItem().ShouldContain("give 'as'");
    }

    [Fact]
    public void SellToken_MeterAnswerExpectedButNotEntered_Refused()
    {
        Errors(On("pm-sts-energy", """{ "do": "sellToken", "energy": "10", "as": "k", "expect": { "token": "accepted" } }""")).ShouldHaveSingleItem().ShouldContain("not entered");
    }

    [Fact]
    public void SellToken_OnACardOnlyModel_Refused()
    {
        Errors(On("pm-ref-energy", """{ "do": "sellToken", "energy": "10", "enter": true }""")).ShouldHaveSingleItem().ShouldContain("takes no keypad tokens");
    }

    [Fact]
    public void TokenModel_SiteGroupDefaultsToTheModelsSgc()
    {
        var scenario = ScenarioParser.Parse(On("pm-dual-energy", """{ "do": "advance", "for": "1h" }"""), "t.json").GetScenarioOrThrow();

        scenario.Site.Group.ShouldBe(Core.SupplyGroupCode.From(654321));
    }

    [Fact]
    public void SellToken_SiteGroupNotTheModelsSgc_Refused()
    {
        var json = """{ "name": "t", "model": "pm-sts-energy", "site": { "group": "100001" }, "steps": [ { "do": "sellToken", "energy": "10", "enter": true } ] }""";

        Errors(json).ShouldHaveSingleItem().ShouldContain("hold SGC 123456");
    }
}
