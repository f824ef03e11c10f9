namespace PrepaidMeter.Meter;

/// <summary>
/// What a person at a water or gas meter does to its parts (docs/water-gas.md: rules T1–T4, B4, V5–V6): what the lab's
/// scenarios, its channel to a meter device and <see cref="VirtualMeter.Do(PartAct)"/> carry out.
/// </summary>
public enum PartAct
{
    /// <summary>A magnet put at the flow sensor (T1).</summary>
    ApplyMagnet,

    RemoveMagnet,

    /// <summary>The case opened (T2, on a model with a case switch).</summary>
    OpenCase,

    CloseCase,

    /// <summary>A fresh battery fitted (B4).</summary>
    ChangeBattery,

    /// <summary>The valve seizes: its motor runs but it does not move (V5, V6) — a fault the lab injects.</summary>
    SeizeValve,

    /// <summary>The valve moves again.</summary>
    FreeValve,
}

/// <summary>How files and the lab channel name a <see cref="PartAct"/>.</summary>
public static class PartActs
{
    /// <summary>"apply-magnet", "change-battery", ….</summary>
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

    /// <summary>Every name, for messages.</summary>
    public static string Names => string.Join(", ", Enum.GetValues<PartAct>().Select(a => a.Name()));
}
