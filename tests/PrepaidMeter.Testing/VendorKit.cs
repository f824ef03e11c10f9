using System.Text.Json.Nodes;

namespace PrepaidMeter.Testing;

/// <summary>
/// Issue 23's made-up vendor as a folder of its own files, away from fixtures/: layouts/ holds its 128-byte
/// little-endian layout on an AT24C02 (acme-le128) and its CPU-card layout with a file map (acme-cpu), copied from
/// fixtures/vendor-layouts where the docs show them; models/ holds a model for each, naming its layout by a path
/// relative to the model file.
/// </summary>
public sealed class VendorKit : IDisposable
{
    public VendorKit()
    {
        Root = Directory.CreateTempSubdirectory("acme-kit-").FullName;
        var layouts = Directory.CreateDirectory(Path.Combine(Root, "layouts")).FullName;
        Directory.CreateDirectory(Path.Combine(Root, "models"));
        foreach (var layout in (string[])["acme-le128", "acme-cpu"])
        {
            File.Copy(RepoPaths.Fixtures("vendor-layouts", layout + ".json"), Path.Combine(layouts, layout + ".json"));
        }

        WriteModel(At24c02Model, "acme-at24", "acme-le128");
        WriteModel(CpuModel, "acme-cpu", "acme-cpu");
    }

    public string Root { get; }

    /// <summary>The model whose cards are AT24C02s with the 128-byte little-endian layout.</summary>
    public string At24c02Model => Path.Combine(Root, "models", "acme-at24.json");

    /// <summary>The model whose cards are CPU cards with the vendor's file map.</summary>
    public string CpuModel => Path.Combine(Root, "models", "acme-cpu.json");

    public string LayoutPath(string id) => Path.Combine(Root, "layouts", id + ".json");

    /// <summary>Rewrites a layout file through <paramref name="edit"/> (to break it on purpose).</summary>
    public void EditLayout(string id, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var layout = JsonNode.Parse(File.ReadAllText(LayoutPath(id)))!.AsObject();
        edit(layout);
        File.WriteAllText(LayoutPath(id), layout.ToJsonString());
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void WriteModel(string path, string id, string layout) => File.WriteAllText(path, $$"""
        {
          "id": "{{id}}",
          "description": "A made-up vendor's energy meter taking its own {{layout}} cards",
          "creditUnit": "energy",
          "layouts": [ "../layouts/{{layout}}.json" ],
          "presetCredit": "10.00",
          "emergencyCredit": "5.00",
          "overdraftAllowed": true,
          "defaults": { "alarm1": "20.00", "alarm2": "10.00", "overdraftLimit": "5.00", "purchaseLimit": "999.00", "powerLimitWatts": 10000 }
        }
        """);
}
