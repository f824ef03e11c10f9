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

    [Theory]
    [InlineData("acme-le128.json")]
    [InlineData("acme-cpu.json")]
    public void VendorLayout_ValidatesAgainstTheSchemaAndLoads(string file)
    {
        var json = File.ReadAllText(RepoPaths.Fixtures("vendor-layouts", file));

        JsonSchemas.Problems(Schema, json).ShouldBeEmpty();
        LayoutCompiler.Load(json, file).Errors.ShouldBeEmpty();
    }

    public static TheoryData<string> BrokenFileMaps() => [.. CpuMistakes.Keys];

    private static readonly Dictionary<string, Action<JsonObject>> CpuMistakes = new()
    {
        ["file id of two digits"] = l => l["medium"]!["files"]![0]!["id"] = "05",
        ["unknown update condition"] = l => l["medium"]!["files"]![0]!["update"] = "sometimes",
        ["file without a size"] = l => l["medium"]!["files"]![1]!.AsObject().Remove("size"),
        ["unknown member in a file"] = l => l["medium"]!["files"]![1]!["owner"] = "acme",
        ["no size and no files"] = l => l["medium"]!.AsObject().Remove("files"),
        ["range naming neither length nor file"] = l =>
        {
            var range = l["mac"]!["covers"]![0]!.AsObject();
            range.Remove("file");
            range.Remove("length");
        },
    };

    [Theory]
    [MemberData(nameof(BrokenFileMaps))]
    public void BrokenCpuLayout_IsRefusedByTheLoaderAndTheSchema(string mistake)
    {
        var layout = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("vendor-layouts", "acme-cpu.json")))!.AsObject();
        CpuMistakes[mistake](layout);
        var json = layout.ToJsonString();

        LayoutCompiler.Load(json, "broken.json").Success.ShouldBeFalse();
        JsonSchemas.Problems(Schema, json).ShouldNotBeEmpty();
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
