using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.Tokens;

namespace PrepaidMeter.Meter.Tests.Tokens;

/// <summary>Rules TK1, TK15: the token state lives in NVRAM; the key is never shown; a token-only meter reads no card.</summary>
public sealed class TokenNvramTests
{
    private static VirtualMeter Reloaded(VirtualMeter meter)
    {
        VirtualMeter.TryLoad(meter.SaveNvram(), _ => null, out var loaded).ShouldBeNull();
        return loaded!;
    }

    [Fact]
    public void SaveAndLoad_UsedTokenStaysUsed()
    {
        var t = new TokenHarness();
        var token = t.Credit(100, 10);
        t.Enter(token);

        var loaded = Reloaded(t.Meter);

        loaded.EnterToken(token).Response.ShouldBe(TokenResponse.Used);
        (loaded.Snapshot().Token! with { PendingSections = [] }).ShouldBe(t.State.Token! with { PendingSections = [] });
    }

    [Fact]
    public void SaveAndLoad_PendingKeySectionAndLockoutKept()
    {
        var t = new TokenHarness();
        t.Enter(t.Management(PrepaidMeter.Tokens.Data.ManagementKind.SetTariffRate, 10, 5));
        t.Enter(t.Encode(new PrepaidMeter.Tokens.Data.SecondKeySection(15, 3, 0xCAFE)));
        t.Enter("1111 2222 3333 4444 5555");

        var token = Reloaded(t.Meter).Snapshot().Token!;

        token.PendingSections.ShouldBe(["2nd key section"]);
        token.InvalidInARow.ShouldBe(1);
        token.TariffRate.ShouldBe((ushort)5);
    }

    [Fact]
    public void Snapshot_NeverCarriesTheKey()
    {
        var t = new TokenHarness();

        t.State.ToString().ShouldNotContain(t.Install.Key.ToHex());
        t.State.Token!.ToString().ShouldNotContain(t.Install.Key.ToHex());
    }

    [Fact]
    public void InsertCard_OnATokenOnlyMeter_RefusedAsBadCard() =>
        new TokenHarness().Meter.InsertCard(new byte[256]).Result.ShouldBe(PrepaidMeter.Meter.State.MeterResult.BadCard);

    [Fact]
    public void EnterToken_OnACardOnlyMeter_IsAProgrammingError() =>
        Should.Throw<InvalidOperationException>(() => new MeterHarness().Meter.EnterToken("1234"));

    [Theory]
    [InlineData("\"media\": \"token\"", "\"media\": \"card\"", "token: the model takes no tokens")]
    [InlineData("\"keyGeneration\": \"DKGA02\"", "\"keyGeneration\": \"DKGA03\"", "token.keyGeneration 'DKGA03'")]
    [InlineData("\"encryptionAlgorithm\": \"EA07\"", "\"encryptionAlgorithm\": \"EA11\"", "only DKGA04 makes")]
    [InlineData("\"creditUnit\": \"energy\"", "\"creditUnit\": \"volume\"", "a token meter's credit unit is its utility's")]
    [InlineData("\"tidMemory\": 50", "\"tidMemory\": 0", "token.tidMemory 0")]
    [InlineData("\"manufacturerCode\": \"42\"", "\"manufacturerCode\": \"421\"", "token.manufacturerCode '421'")]
    [InlineData("\"keyRevision\": 1", "\"keyRevision\": 10", "key revision 10")]
    public void Load_AMistakeInTheTokenSection_RefusedNamingIt(string from, string to, string error)
    {
        var json = File.ReadAllText(PrepaidMeter.Testing.RepoPaths.Fixtures("models", "pm-sts-energy.json")).Replace(from, to, StringComparison.Ordinal);

        MeterModelLoader.Load(json, "m.json").Errors.ShouldContain(e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TokenMediaWithoutTheSection_Refused() =>
        MeterModelLoader.Load(File.ReadAllText(PrepaidMeter.Testing.RepoPaths.Fixtures("models", "pm-ref-energy.json")).Replace("\"layouts\"", "\"media\": \"both\", \"layouts\"", StringComparison.Ordinal), "m.json")
            .Errors.ShouldContain("m.json: token is required: media 'both' takes keypad tokens");

    [Theory]
    [InlineData("pm-sts-energy.json")]
    [InlineData("pm-dual-energy.json")]
    public void StsModel_ValidatesAgainstTheSchema(string file) =>
        PrepaidMeter.Testing.JsonSchemas.Problems("meter-model.schema.json", File.ReadAllText(PrepaidMeter.Testing.RepoPaths.Fixtures("models", file))).ShouldBeEmpty();
}
