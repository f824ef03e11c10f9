namespace PrepaidMeter.Lab.Targets;

/// <summary>A meter reads the time once, when it is made; after that its clock moves only as the scenario advances it.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
