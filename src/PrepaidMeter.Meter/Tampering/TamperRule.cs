namespace PrepaidMeter.Meter.Tampering;

/// <summary>
/// How a water or gas meter's model treats tampering (rules T1–T4, docs/water-gas.md): whether it has a case switch,
/// and whether a latched tamper also clears by itself once the attack has stopped for <see cref="ClearsAfterQuiet"/>
/// (null: only a tool card clears it, the field's usual rule).
/// </summary>
public sealed record TamperRule
{
    /// <exception cref="ArgumentOutOfRangeException">A quiet period under a minute or not whole seconds.</exception>
    public TamperRule(bool hasCaseSwitch, TimeSpan? clearsAfterQuiet)
    {
        if (clearsAfterQuiet is { } quiet && (quiet < TimeSpan.FromMinutes(1) || quiet.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(clearsAfterQuiet), quiet, "A quiet period is a minute or more, in whole seconds.");
        }

        (HasCaseSwitch, ClearsAfterQuiet) = (hasCaseSwitch, clearsAfterQuiet);
    }

    public bool HasCaseSwitch { get; }

    public TimeSpan? ClearsAfterQuiet { get; }
}
