using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Scenarios;

/// <summary>
/// The models the lab runs, by target. Every model runs on the virtual and stack targets (a water or gas meter on the
/// stack answers CJ/T 188 across socat); a bench reads its meter over DL/T 645, and a water or gas meter speaks CJ/T 188,
/// which the bench does not read, so a volume model is refused there by name rather than read as an energy or money meter.
/// </summary>
public static class RunnableModels
{
    /// <summary>Why a bench cannot read a meter of <paramref name="model"/> over its DL/T 645 link; null when it can.</summary>
    public static string? WhyNotOnBench(MeterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.CreditUnit == CreditUnit.Volume
            ? $"model {model.Id} counts credit in m³ (a {model.Utility.Name()} meter): it speaks CJ/T 188, and the bench reads meters over DL/T 645 only; play it on the virtual or stack target"
            : null;
    }
}
