using System.Text.Json.Nodes;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests.Models;

/// <summary>schemas/meter-model.schema.json and MeterModelLoader agree on every shipped model and on each mistake, or the case says who catches it.</summary>
public sealed class MeterModelSchemaTests
{
    private const string Schema = "meter-model.schema.json";

    public static TheoryData<string> ShippedFiles() => [.. Directory.GetFiles(RepoPaths.Fixtures("models"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Broken() => [.. MeterModelSchemaCases.Broken.Keys];

    public static TheoryData<string> LoaderOnly() => [.. MeterModelSchemaCases.LoaderOnly.Keys];

    public static TheoryData<string> SchemaOnly() => [.. MeterModelSchemaCases.SchemaOnly.Keys];

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void ShippedModel_ValidatesAgainstTheSchemaAndLoads(string file)
    {
        var json = File.ReadAllText(RepoPaths.Fixtures("models", file));

        JsonSchemas.Problems(Schema, json).ShouldBeEmpty();
        MeterModelLoader.Load(json, file).Errors.ShouldBeEmpty();
        JsonNode.Parse(json)!["$schema"]!.GetValue<string>().ShouldBe("../../schemas/" + Schema);
    }

    [Fact]
    public void ShippedModels_WithTheirSchemaMember_AreTheEmbeddedOnes()
    {
        var files = Directory.GetFiles(RepoPaths.Fixtures("models"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        MeterModels.All.Select(m => m.Id).ShouldBe(files);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void BrokenModel_IsRefusedByTheLoaderAndTheSchema(string mistake)
    {
        var json = Mutated(MeterModelSchemaCases.Broken[mistake]);

        MeterModelLoader.Load(json, "broken.json").Success.ShouldBeFalse();
        JsonSchemas.Problems(Schema, json).ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(LoaderOnly))]
    public void SemanticMistake_IsRefusedByTheLoaderAlone_TheSchemaCannotSayIt(string mistake)
    {
        var json = Mutated(MeterModelSchemaCases.LoaderOnly[mistake]);

        MeterModelLoader.Load(json, "broken.json").Success.ShouldBeFalse();
        JsonSchemas.Problems(Schema, json).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(SchemaOnly))]
    public void UndocumentedSpelling_IsAcceptedByTheLoader_TheSchemaRefusesIt(string spelling)
    {
        var json = Mutated(MeterModelSchemaCases.SchemaOnly[spelling]);

        MeterModelLoader.Load(json, "lenient.json").Errors.ShouldBeEmpty();
        JsonSchemas.Problems(Schema, json).ShouldNotBeEmpty();
    }

    [Fact]
    public void MoneyOnAWaterMeter_TheSchemaAsksForVolume_NotForATariff()
    {
        var model = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("models", "pm-ref-water.json")))!.AsObject();
        model["creditUnit"] = "money";

        var problems = JsonSchemas.Problems(Schema, model.ToJsonString());

        problems.ShouldContain(p => p.StartsWith("/creditUnit:", StringComparison.Ordinal));
        problems.ShouldNotContain(p => p.Contains("tariff", StringComparison.Ordinal));
    }

    private static string Mutated(MeterModelSchemaCases.Case mistake)
    {
        var model = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("models", mistake.Model + ".json")))!.AsObject();
        mistake.Change(model);
        return model.ToJsonString();
    }
}
