namespace PrepaidMeter.Meter.Valves;

public enum ValveEventKind : byte
{
    /// <summary>The exercise interval passed with the valve open and still: it is closed and reopened.</summary>
    ExerciseStarted,

    /// <summary>The motor started a move; the detail says which way and why (a reason, a request, an exercise, a retry).</summary>
    MotorStarted,

    /// <summary>A move reached the closed end stop.</summary>
    Closed,

    /// <summary>A move reached the open end stop.</summary>
    Opened,

    /// <summary>The travel time passed and the valve had not moved (seized); a retry follows.</summary>
    DidNotMove,

    /// <summary>The last retry did not move the valve either: the stuck alarm.</summary>
    Stuck,

    /// <summary>A request wanted the valve where it already was while it waited to retry: the retry is dropped.</summary>
    RetryDropped,
}

/// <summary>One thing a valve did, at the moment it did it (a move's end is logged at start + travel time, whenever it is seen).</summary>
public sealed record ValveEvent(DateTimeOffset At, ValveEventKind Kind, string Detail);
