using System.Text.Json.Nodes;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Lab.Tests.Scenarios;

/// <summary>schemas/scenario.schema.json and ScenarioParser agree on every shipped scenario and on each mistake, or the case says who catches it.</summary>
public sealed class ScenarioSchemaTests
{
    private const string Schema = "scenario.schema.json";

    public static TheoryData<string> ShippedFiles() => [.. Directory.GetFiles(RepoPaths.Fixtures("scenarios"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Broken() => [.. ScenarioSchemaCases.Broken.Keys];

    public static TheoryData<string> LoaderOnly() => [.. ScenarioSchemaCases.LoaderOnly.Keys];

    public static TheoryData<string> SchemaOnly() => [.. ScenarioSchemaCases.SchemaOnly.Keys];

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void ShippedScenario_ValidatesAgainstTheSchemaAndLoads(string file)
    {
        var json = File.ReadAllText(RepoPaths.Fixtures("scenarios", file));

        JsonSchemas.Problems(Schema, json).ShouldBeEmpty();
        ScenarioParser.Parse(json, file).Errors.ShouldBeEmpty();
        JsonNode.Parse(json)!["$schema"]!.GetValue<string>().ShouldBe("../../schemas/" + Schema);
    }

    [Fact]
    public void ShippedScenarios_WithTheirSchemaMember_AreTheEmbeddedOnes()
    {
        var names = Directory.GetFiles(RepoPaths.Fixtures("scenarios"), "*.json")
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!["name"]!.GetValue<string>())
            .Order(StringComparer.Ordinal);

        ScenarioLibrary.All.Select(s => s.Name).Order(StringComparer.Ordinal).ShouldBe(names);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void BrokenScenario_IsRefusedByTheParserAndTheSchema(string mistake)
    {
        var json = Mutated(ScenarioSchemaCases.Broken[mistake]);

        ScenarioParser.Parse(json, "broken.json").Success.ShouldBeFalse();
        JsonSchemas.Problems(Schema, json).ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(LoaderOnly))]
    public void SemanticMistake_IsRefusedByTheParserAlone_TheSchemaCannotSayIt(string mistake)
    {
        var json = Mutated(ScenarioSchemaCases.LoaderOnly[mistake]);

        ScenarioParser.Parse(json, "broken.json").Success.ShouldBeFalse();
        JsonSchemas.Problems(Schema, json).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(SchemaOnly))]
    public void UndocumentedSpelling_IsAcceptedByTheParser_TheSchemaRefusesIt(string spelling)
    {
        var json = Mutated(ScenarioSchemaCases.SchemaOnly[spelling]);

        ScenarioParser.Parse(json, "lenient.json").Errors.ShouldBeEmpty();
        JsonSchemas.Problems(Schema, json).ShouldNotBeEmpty();
    }

    private static string Mutated(Action<JsonObject> mistake)
    {
        var scenario = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("scenarios", "card-not-swiped.json")))!.AsObject();
        mistake(scenario);
        return scenario.ToJsonString();
    }
}
