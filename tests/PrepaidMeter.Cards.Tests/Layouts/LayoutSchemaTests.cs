using System.Text.Json.Nodes;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Layouts;

/// <summary>schemas/card-layout.schema.json and LayoutCompiler agree on every shipped layout and on each mistake, or the case says who catches it.</summary>
public sealed class LayoutSchemaTests
{
    private const string Schema = "card-layout.schema.json";

    public static TheoryData<string> ShippedFiles() => [.. Directory.GetFiles(RepoPaths.Fixtures("layouts"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Broken() => [.. LayoutSchemaCases.Broken.Keys];

    public static TheoryData<string> LoaderOnly() => [.. LayoutSchemaCases.LoaderOnly.Keys];

    public static TheoryData<string> SchemaOnly() => [.. LayoutSchemaCases.SchemaOnly.Keys];

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void ShippedLayout_ValidatesAgainstTheSchemaAndLoads(string file)
    {
        var json = File.ReadAllText(RepoPaths.Fixtures("layouts", file));

        JsonSchemas.Problems(Schema, json).ShouldBeEmpty();
        LayoutCompiler.Load(json, file).Errors.ShouldBeEmpty();
        JsonNode.Parse(json)!["$schema"]!.GetValue<string>().ShouldBe("../../schemas/" + Schema);
    }

    [Fact]
    public void ShippedLayouts_WithTheirSchemaMember_AreTheEmbeddedOnes()
    {
        var files = Directory.GetFiles(RepoPaths.Fixtures("layouts"), "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        CardLayouts.All.Select(l => l.Id).ShouldBe(files);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void BrokenLayout_IsRefusedByTheLoaderAndTheSchema(string mistake)
    {
        var json = Mutated(LayoutSchemaCases.Broken[mistake]);

        LayoutCompiler.Load(json, "broken.json").Success.ShouldBeFalse();
        JsonSchemas.Problems(Schema, json).ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(LoaderOnly))]
    public void SemanticMistake_IsRefusedByTheLoaderAlone_TheSchemaCannotSayIt(string mistake)
    {
        var json = Mutated(LayoutSchemaCases.LoaderOnly[mistake]);

        LayoutCompiler.Load(json, "broken.json").Success.ShouldBeFalse();
        JsonSchemas.Problems(Schema, json).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(SchemaOnly))]
    public void UndocumentedSpelling_IsAcceptedByTheLoader_TheSchemaRefusesIt(string spelling)
    {
        var json = Mutated(LayoutSchemaCases.SchemaOnly[spelling]);

        LayoutCompiler.Load(json, "lenient.json").Errors.ShouldBeEmpty();
        JsonSchemas.Problems(Schema, json).ShouldNotBeEmpty();
    }

    private static string Mutated(Action<JsonObject> mistake)
    {
        var layout = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("layouts", "pm-ref-v1.json")))!.AsObject();
        mistake(layout);
        return layout.ToJsonString();
    }
}
