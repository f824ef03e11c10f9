using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Lab.Running;

/// <summary>
/// Reading a meter, the account's or one taken off by a meter change: what it still holds, and what the back office last
/// recorded of it. A removed meter keeps its registers (the change card took its credit, nothing else), and the books keep
/// the final reading its meter-change card brought back; the two are compared in docs/scenarios.md, "Reading a replaced meter".
/// </summary>
public sealed partial class ScenarioRunner
{
    private async Task<StepOutcome> ReadMeterAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        var meter = step.Meter ?? _meter;
        var read = await _target.ReadAsync(meter, cancellationToken);
        var file = _site.Office.Meters.File(_site.Admin, meter);
        var status = file.Success ? JsonFields.CamelCase(file.Value.Meter.Status.ToString()) : "unknown";
        var recorded = LastReading(meter) is { } last
            ? $"the books' last reading of it ({JsonFields.CamelCase(last.Source.ToString())}, meter time {last.MeterTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}): "
                + $"purchase {last.LoadedCount} loaded, {last.Remaining} left, {last.CumulativeEnergy} used in all"
            : "the books hold no reading of it";
        return new($"meter {meter} ({status} in the books) read: purchase {read.PurchaseCount} loaded, {read.Remaining} left, {read.CumulativeEnergy} used in all; {recorded}");
    }

    /// <summary>The latest reading the back office recorded of <paramref name="meter"/> (by the meter's own time); null when it has none.</summary>
    private MeterReading? LastReading(MeterNumber meter)
    {
        var readings = _site.Office.Queries.Readings(_site.Admin, new QueryFilter(Meter: meter));
        return readings.Success && readings.Value.Count > 0 ? readings.Value[^1] : null;
    }
}
