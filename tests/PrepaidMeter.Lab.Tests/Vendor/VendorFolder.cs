using System.Text.Json.Nodes;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Tests.Vendor;

/// <summary>
/// A made-up vendor's files in a temporary folder, away from fixtures/: its layout (the reference layout's fields
/// under its own id), its model naming that layout by a relative path, and a scenario naming the model by one;
/// beside them a second model whose layout is a 128-byte image on an AT24C02 card, and a third whose cards are CPU
/// cards with a file map.
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

        // A second layout and model: the 128-byte little-endian layout on an AT24C02 card (fixtures/vendor-layouts).
        File.Copy(Testing.RepoPaths.Fixtures("vendor-layouts", "acme-le128.json"), Path.Combine(Root, "layouts", "acme-le128.json"));
        model["id"] = "acme-e2";
        model["layouts"] = new JsonArray("../layouts/acme-le128.json");
        File.WriteAllText(At24c02ModelPath, model.ToJsonString());

        // A third: the CPU-card layout with a file map (issuer, parameters, purchase, return-write files).
        File.Copy(Testing.RepoPaths.Fixtures("vendor-layouts", "acme-cpu.json"), Path.Combine(Root, "layouts", "acme-cpu.json"));
        model["id"] = "acme-e3";
        model["layouts"] = new JsonArray("../layouts/acme-cpu.json");
        File.WriteAllText(CpuModelPath, model.ToJsonString());
    }

    /// <summary>The model whose cards are CPU cards with the vendor's file map.</summary>
    public string CpuModelPath => Path.Combine(Root, "models", "acme-e3.json");

    /// <summary>The model whose cards are AT24C02s carrying the 128-byte layout.</summary>
    public string At24c02ModelPath => Path.Combine(Root, "models", "acme-e2.json");

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
