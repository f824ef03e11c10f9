using PrepaidMeter.Core;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Lab.Running;

/// <summary>
/// What a test may look at after a step: the step's result, the user card before and after it, and the
/// back office and meters themselves — enough to check DESIGN.md §8's invariants across the whole system.
/// </summary>
internal sealed record LabProbe(
    StepResult Step,
    RefusalReason? Refusal,
    byte[]? CardBefore,
    byte[]? CardAfter,
    long? Account,
    MeterNumber Meter,
    LabSite Site,
    ILabTarget Target);
