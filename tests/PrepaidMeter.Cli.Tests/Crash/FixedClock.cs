namespace PrepaidMeter.Cli.Tests.Crash;

/// <summary>A clock stopped at one moment; its timers are the system's, so a pause still ends.</summary>
internal sealed class FixedClock(DateTimeOffset at) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => at;
}
