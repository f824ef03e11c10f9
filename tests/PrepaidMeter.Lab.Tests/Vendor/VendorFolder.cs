using System.Text.Json.Nodes;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Tests.Vendor;

/// <summary>
/// A made-up vendor's files in a temporary folder, away from fixtures/: its layout (the reference layout's fields
/// under its own id), its model naming that layout by a relative path, and a scenario naming the model by one.
/// </summary>
internal sealed class VendorFolder : IDisposable
{
    public VendorFolder()
    {
        Root = Directory.CreateTempSubdirectory("acme-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "layouts"));
        Directory.CreateDirectory(Path.Combine(Root, "models"));
        Directory.CreateDirectory(Path.Combine(Root, "scenarios"));
        File.WriteAllText(LayoutPath, WithId(CardLayouts.ReferenceV1.SourceText, "acme-ref"));

        var model = JsonNode.Parse(MeterModels.ReferenceEnergy.SourceText)!.AsObject();
        model["id"] = "acme-e1";
        model["layouts"] = new JsonArray("../layouts/acme-ref.json");
        File.WriteAllText(ModelPath, model.ToJsonString());
    }

    public string Root { get; }

    public string LayoutPath => Path.Combine(Root, "layouts", "acme-ref.json");

    public string ModelPath => Path.Combine(Root, "models", "acme-e1.json");

    /// <summary>Writes a scenario into scenarios/ and returns its path.</summary>
    public string Scenario(string name, string json)
    {
        var path = Path.Combine(Root, "scenarios", name);
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string WithId(string layoutJson, string id)
    {
        var layout = JsonNode.Parse(layoutJson)!.AsObject();
        layout["id"] = id;
        return layout.ToJsonString();
    }
}
