namespace PrepaidMeter.Lab.Targets;

/// <summary>What a person at a water or gas meter does to its parts (docs/water-gas.md: rules T1–T4, B4, V5–V6).</summary>
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
