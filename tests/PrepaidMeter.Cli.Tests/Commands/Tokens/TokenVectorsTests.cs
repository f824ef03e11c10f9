using System.Text.Json;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands.Tokens;

/// <summary>`prepaid token vectors FILE`: the shipped vector files pass; a vector that does not hold, or a file that is not one, is said so.</summary>
public sealed class TokenVectorsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static string Shipped(string name) => Path.Combine(RepoPaths.Root, "fixtures", "sts", name);

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("public-vectors.json", 8)]
    [InlineData("regression-vectors.json", 4)]
    public async Task Vectors_ShippedFile_EveryVectorPasses(string file, int count)
    {
        var (exit, output, error) = await Prepaid.RunAsync("token", "vectors", Shipped(file));

        exit.ShouldBe(ExitCodes.Success, error);
        output.ShouldContain($"{count} vector(s): {count} passed, 0 failed");
        output.Split('\n').ShouldAllBe(line => !line.StartsWith("FAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Vectors_ACiphertextOneBitOff_FailsThatVectorAlone_Exit2()
    {
        var text = (await File.ReadAllTextAsync(Shipped("public-vectors.json"))).Replace("8B1DA5F56AB3D07C", "8B1DA5F56AB3D07D", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_folder.File("v.json"), text);

        var (exit, output, error) = await Prepaid.RunAsync("token", "vectors", _folder.File("v.json"), "--json");

        exit.ShouldBe(ExitCodes.Refused);
        error.Trim().ShouldBe("prepaid: 1 of 8 vector(s) failed");
        using var json = JsonDocument.Parse(output);
        var failed = json.RootElement.GetProperty("vectors").EnumerateArray().Where(v => !v.GetProperty("passed").GetBoolean()).ToList().ShouldHaveSingleItem();
        failed.GetProperty("name").GetString().ShouldBe("MISTY1, first block");
        failed.GetProperty("failure").GetString().ShouldBe("encrypts 0123456789ABCDEF to 8B1DA5F56AB3D07C, not 8B1DA5F56AB3D07D");
        failed.GetProperty("source").GetString().ShouldBe("RFC 2994, section 11 (test data)");
    }

    [Fact]
    public async Task Vectors_ATokenDecodingToAnotherAmount_FailsNamingTheField()
    {
        var text = (await File.ReadAllTextAsync(Shipped("regression-vectors.json"))).Replace("\"amount\": 12.6, \"field\": \"007E\" } },\n    { \"name\": \"EA11", "\"amount\": 12.5, \"field\": \"007E\" } },\n    { \"name\": \"EA11", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_folder.File("v.json"), text);

        var (exit, output, _) = await Prepaid.RunAsync("token", "vectors", _folder.File("v.json"));

        exit.ShouldBe(ExitCodes.Refused);
        output.ShouldContain("FAIL  token      EA07 credit token of the docs (12.55 asked, 12.6 kWh carried): amount is 12.6, not 12.5");
    }

    [Theory]
    [InlineData("""{ "vectors": [] }""", "a vector file is a JSON object whose \"vectors\" is a non-empty array")]
    [InlineData("""{ "vectors": [ { "name": "x", "kind": "hash" } ] }""", "vector 'x': \"kind\" 'hash' is not cipher, crc, decoderKey or token")]
    [InlineData("""{ "vectors": [ { "name": "x", "kind": "cipher", "algorithm": "DES", "key": "01", "plaintext": "0000000000000000", "ciphertext": "0000000000000000" } ] }""", "vector 'x': \"key\" a DES key is 16 hex digits")]
    [InlineData("""{ "vectors": [ { "name": "x", "kind": "crc", "class": 0, "block": "XYZ" } ] }""", "vector 'x': \"block\" is hex digits, an even number of them")]
    [InlineData("not json", "not a vector file")]
    public async Task Vectors_AFileThatIsNotOne_Exit2NamingTheMistake(string text, string mistake)
    {
        await File.WriteAllTextAsync(_folder.File("v.json"), text);

        var (exit, output, error) = await Prepaid.RunAsync("token", "vectors", _folder.File("v.json"));

        exit.ShouldBe(ExitCodes.Refused);
        output.ShouldBeEmpty();
        error.ShouldContain(mistake);
    }

    [Fact]
    public async Task Vectors_NoSuchFile_Exit2()
    {
        var (exit, _, error) = await Prepaid.RunAsync("token", "vectors", _folder.File("missing.json"));

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("missing.json");
    }
}
