using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Targets;

/// <summary>The person at the bench: does what the bench asks — a token meter's keys typed too —, and reads the meter's display for it.</summary>
public interface IBenchOperator
{
    /// <summary>Shows <paramref name="instruction"/>; when it needs confirming, returns once the operator says it is done.</summary>
    /// <exception cref="LabTargetException">The operator is gone (the input ended).</exception>
    Task DoAsync(BenchInstruction instruction, CancellationToken cancellationToken);

    /// <summary>What meter <paramref name="meter"/> showed for the card it just handled: one of <paramref name="choices"/>.</summary>
    /// <exception cref="LabTargetException">The operator is gone (the input ended).</exception>
    Task<MeterResult> ReadResultAsync(MeterNumber meter, IReadOnlyList<MeterResult> choices, CancellationToken cancellationToken);

    /// <summary>
    /// What meter <paramref name="meter"/>'s display showed after the enter of the keys just typed (<see cref="TypeKeys"/>): one
    /// of <paramref name="choices"/> (<see cref="TokenDisplay.All"/>).
    /// </summary>
    /// <exception cref="LabTargetException">The operator is gone (the input ended), or gave no reading the bench can take.</exception>
    Task<TokenDisplay> ReadDisplayAsync(MeterNumber meter, IReadOnlyList<TokenDisplay> choices, CancellationToken cancellationToken);
}
