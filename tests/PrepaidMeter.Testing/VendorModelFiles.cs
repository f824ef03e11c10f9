using System.Text.Json.Nodes;

namespace PrepaidMeter.Testing;

/// <summary>
/// A vendor's meter model as files, as `prepaid meter new --model PATH` reads them: FOLDER/vendor/acme.json names its own
/// layout by a path relative to itself (layouts/acme-ref.json, pm-ref-v1 under another id, so cards encode the same)
/// and then a shipped layout by id. <see cref="WriteOnVendorLayout"/> writes a model on one of fixtures/vendor-layouts instead.
/// </summary>
public static class VendorModelFiles
{
    public const string ModelId = "acme-energy";

    public const string LayoutId = "acme-ref";

    /// <summary>Writes the files under <paramref name="folder"/>; the model file's path.</summary>
    public static string Write(string folder)
    {
        var vendor = Directory.CreateDirectory(Path.Combine(folder, "vendor")).FullName;
        var layouts = Directory.CreateDirectory(Path.Combine(vendor, "layouts")).FullName;
        var reference = File.ReadAllText(RepoPaths.Fixtures("layouts", "pm-ref-v1.json"));
        File.WriteAllText(Path.Combine(layouts, LayoutId + ".json"), reference.Replace("\"id\": \"pm-ref-v1\"", $"\"id\": \"{LayoutId}\"", StringComparison.Ordinal));
        var model = Path.Combine(vendor, "acme.json");
        File.WriteAllText(model, $$"""
            {
              "id": "{{ModelId}}",
              "description": "A vendor's energy meter: its own copy of the reference layout, and the legacy one",
              "creditUnit": "energy",
              "layouts": [ "layouts/{{LayoutId}}.json", "legacy-bcd-v1" ],
              "presetCredit": "10.00",
              "emergencyCredit": "5.00",
              "overdraftAllowed": true,
              "defaults": { "alarm1": "20.00", "alarm2": "10.00", "overdraftLimit": "5.00", "purchaseLimit": "999.00", "powerLimitWatts": 10000 }
            }
            """);
        return model;
    }

    /// <summary>
    /// Writes FOLDER/vendor/MODELID.json — the reference energy meter's parameters (pm-ref-energy) under
    /// <paramref name="modelId"/> — and beside it layouts/LAYOUT, a copy of fixtures/vendor-layouts/LAYOUT that the
    /// model names by a path relative to itself; the model file's path.
    /// </summary>
    public static string WriteOnVendorLayout(string folder, string modelId, string vendorLayoutFile)
    {
        var vendor = Directory.CreateDirectory(Path.Combine(folder, "vendor")).FullName;
        var layouts = Directory.CreateDirectory(Path.Combine(vendor, "layouts")).FullName;
        File.Copy(RepoPaths.Fixtures("vendor-layouts", vendorLayoutFile), Path.Combine(layouts, vendorLayoutFile), overwrite: true);
        var model = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("models", "pm-ref-energy.json")))!.AsObject();
        model.Remove("$schema");
        model["id"] = modelId;
        model["layouts"] = new JsonArray($"layouts/{vendorLayoutFile}");
        var path = Path.Combine(vendor, modelId + ".json");
        File.WriteAllText(path, model.ToJsonString());
        return path;
    }
}
