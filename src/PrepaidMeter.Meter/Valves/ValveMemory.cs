namespace PrepaidMeter.Meter.Valves;

/// <summary>A <see cref="MotorisedValve"/>'s whole state, as the meter's NVRAM keeps it (State/Nvram.cs writes it).</summary>
internal readonly record struct ValveMemory(
    ValvePosition Position,
    DateTimeOffset Now,
    DateTimeOffset LastMoved,
    DateTimeOffset TravelEnds,
    DateTimeOffset RetryAt,
    int Failures,
    string? HeldClosedFor,
    byte Exercise,
    bool Seized,
    int MotorRuns);
