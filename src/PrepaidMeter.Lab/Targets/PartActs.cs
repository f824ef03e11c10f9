using PrepaidMeter.Meter;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Targets;

/// <summary>A <see cref="PartAct"/> done to a meter in this process: one intent of the virtual meter each.</summary>
public static class PartActs
{
    /// <summary>The events the meter logged; the seizing valve is a fault seam and logs nothing until the valve is asked to move.</summary>
    /// <exception cref="InvalidOperationException">The meter has no such part (an electricity meter has no valve; a mains meter no battery).</exception>
    public static IReadOnlyList<MeterEvent> Do(VirtualMeter meter, PartAct act)
    {
        ArgumentNullException.ThrowIfNull(meter);
        switch (act)
        {
            case PartAct.ApplyMagnet: return meter.ApplyMagnet();
            case PartAct.RemoveMagnet: return meter.RemoveMagnet();
            case PartAct.OpenCase: return meter.OpenCase();
            case PartAct.CloseCase: return meter.CloseCase();
            case PartAct.ChangeBattery: return meter.ChangeBattery();
            case PartAct.SeizeValve:
                meter.SeizeValve();
                return [];
            case PartAct.FreeValve:
                meter.FreeValve();
                return [];
            default:
                throw new ArgumentOutOfRangeException(nameof(act), act, "Not a part act.");
        }
    }

    /// <summary>"apply-magnet", "change-battery", …: how scenarios and the lab channel name an act.</summary>
    public static string Name(this PartAct act) => act switch
    {
        PartAct.ApplyMagnet => "apply-magnet",
        PartAct.RemoveMagnet => "remove-magnet",
        PartAct.OpenCase => "open-case",
        PartAct.CloseCase => "close-case",
        PartAct.ChangeBattery => "change-battery",
        PartAct.SeizeValve => "seize-valve",
        PartAct.FreeValve => "free-valve",
        _ => throw new ArgumentOutOfRangeException(nameof(act), act, "Not a part act."),
    };

    /// <summary>The act <paramref name="name"/> names; null for none.</summary>
    public static PartAct? Parse(string? name) => Enum.GetValues<PartAct>().Select(a => (PartAct?)a).FirstOrDefault(a => a!.Value.Name() == name);
}
