namespace PrepaidMeter.Lab.Files;

/// <summary>The files a vendor writes, each with its schema under schemas/ and its loader.</summary>
public enum VendorFileKind
{
    /// <summary>A card layout (docs/card-layouts.md), schemas/card-layout.schema.json.</summary>
    Layout,

    /// <summary>A meter model (docs/meter-models.md), schemas/meter-model.schema.json.</summary>
    Model,

    /// <summary>A lab scenario (docs/scenarios.md), schemas/scenario.schema.json.</summary>
    Scenario,
}
