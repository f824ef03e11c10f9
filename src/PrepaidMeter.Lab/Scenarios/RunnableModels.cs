using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Scenarios;

/// <summary>
/// The models the lab runs, by credit unit. Energy and money meters run; a model counting credit in m³ (a water or gas
/// meter, issue 25) has no virtual meter to run on nor a back office to sell it water yet, so it is refused by name
/// rather than run as an energy or money meter.
/// </summary>
public static class RunnableModels
{
    /// <summary>Why the lab cannot run scenarios on, or certify, <paramref name="model"/>; null when it can.</summary>
    public static string? WhyNot(MeterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.CreditUnit switch
        {
            CreditUnit.Energy or CreditUnit.Money => null,
            CreditUnit.Volume => $"model {model.Id} counts credit in m³ (a water or gas meter); the lab runs such models from issue 25's next steps (the virtual water meter, then water sales)",
            _ => throw new ArgumentOutOfRangeException(nameof(model), model.CreditUnit, "Not a credit unit."),
        };
    }
}
