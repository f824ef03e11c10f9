using System.Globalization;
using PrepaidMeter.Core;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// What the bench target used, as it was configured: the counter's PC/SC reader, the meter's own card slot the
/// operator carries cards to, and the meter's serial port with its settings. The control password is not named.
/// </summary>
public sealed partial class BenchTarget : IDescribedTarget
{
    public IReadOnlyList<TargetPart> Describe() =>
    [
        new("meters", "real meters on a bench, fitted, powered and read at the display by an operator"),
        new("counter's card reader", $"{_options.CounterReader} (PC/SC, through pcscd): every card the scenario carries is written onto one physical card there"),
        new("meter's card reader", "the meter's own card slot: the operator carries the card there and back, and reads the result off the display"),
        new("meter link", $"{_options.SerialPort}: DL/T 645 at {SerialWords.Of(_options.Serial)}; "
            + string.Create(CultureInfo.InvariantCulture, $"{_options.Link.Attempts} tries of {_options.Link.Timeout.TotalMilliseconds:0} ms each")),
        new("longest real-time step", Durations.Format(_options.MaxRealTime)),
        new("operator's patience", Durations.Format(_options.Patience)),
    ];
}
