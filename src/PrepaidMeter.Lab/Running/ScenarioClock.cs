namespace PrepaidMeter.Lab.Running;

/// <summary>
/// The scenario's time: it moves only when a step lets time pass, so the back office's receipts and the
/// meters' clocks agree and every run of a scenario is the same.
/// </summary>
internal sealed class ScenarioClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        _now += duration;
    }
}
