using System.Text;

namespace PrepaidMeter.Meter;

/// <summary>docs/meter-states.md, generated from the meter's own Stateless machines — never drawn by hand.</summary>
public static class MeterDiagrams
{
    public static string Markdown()
    {
        var keys = Cards.Integrity.SupplyGroupKeys.Derive("diagram"u8);
        var meter = VirtualMeter.Create(Models.MeterModels.ReferenceEnergy, default, default, keys, TimeProvider.System);
        var diagrams = meter.MachineDiagrams();
        var text = new StringBuilder();
        text.Append("# Meter state machines\n\n");
        text.Append("Generated from the Stateless machines inside `VirtualMeter` by `MeterDiagrams.Markdown()`\n");
        text.Append("(`prepaid meter diagrams` prints it; a test fails when this file is stale). The rules they\n");
        text.Append("implement are in [meter-rules.md](meter-rules.md).\n");
        // A water or gas meter's valve stands where the relay is (docs/water-gas.md, M2): its machine is the fourth.
        var machines = new[]
        {
            ("Life cycle (rules L1–L6)", diagrams[0]), ("Credit state (rules A1–A3)", diagrams[1]), ("Relay (closed exactly when no open reason holds)", diagrams[2]),
            ("Motorised valve of a water or gas meter (rules V1–V15, [valves.md](valves.md))", Valves.MotorisedValve.Diagram()),
        };
        foreach (var (title, diagram) in machines)
        {
            text.Append("\n## ").Append(title).Append("\n\n```mermaid\n").Append(diagram.Trim().Replace("\r\n", "\n", StringComparison.Ordinal)).Append("\n```\n");
        }

        return text.ToString();
    }
}
