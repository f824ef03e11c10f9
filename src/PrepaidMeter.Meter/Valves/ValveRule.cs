namespace PrepaidMeter.Meter.Valves;

/// <summary>
/// How a model's motorised valve moves: how long a move takes, how often a move that did not happen is tried again, and how
/// often the valve is exercised so it does not seize. Values a model file could never mean are programming errors and throw.
/// </summary>
public sealed record ValveRule
{
    /// <summary>Field valves move in seconds; a travel longer than this is a unit mistake (minutes for seconds), not a valve.</summary>
    public static readonly TimeSpan MaxTravelTime = TimeSpan.FromMinutes(10);

    /// <summary>More retries than this would run a seized motor until its battery is flat.</summary>
    public const int MaxRetries = 100;

    public ValveRule(TimeSpan travelTime, int retries, TimeSpan retryInterval, TimeSpan? exerciseInterval, TimeSpan longestExerciseCut)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(travelTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(travelTime, MaxTravelTime);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(retries, MaxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(longestExerciseCut, TimeSpan.Zero);
        if (exerciseInterval is { } every)
        {
            // An exercise is a whole close and a whole reopen (moves are never reversed half way), so it cuts the supply for
            // twice the travel time: a limit below that could never be kept.
            if (longestExerciseCut < travelTime * 2)
            {
                throw new ArgumentOutOfRangeException(nameof(longestExerciseCut), longestExerciseCut,
                    $"An exercise closes and reopens the valve: it cuts the supply for twice the travel time ({travelTime * 2}).");
            }

            // The next exercise is counted from the end of the last movement; an interval shorter than the exercise itself
            // would keep the valve moving.
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, longestExerciseCut, nameof(exerciseInterval));
        }

        TravelTime = travelTime;
        Retries = retries;
        RetryInterval = retryInterval;
        ExerciseInterval = exerciseInterval;
        LongestExerciseCut = longestExerciseCut;
    }

    /// <summary>How long the motor runs for one move, end stop to end stop.</summary>
    public TimeSpan TravelTime { get; }

    /// <summary>How many times a move that did not happen is tried again before the valve is declared stuck.</summary>
    public int Retries { get; }

    /// <summary>How long the motor rests after a move that did not happen before it tries again.</summary>
    public TimeSpan RetryInterval { get; }

    /// <summary>How long an open valve may stay still before it is closed and reopened; null: never exercised.</summary>
    public TimeSpan? ExerciseInterval { get; }

    /// <summary>
    /// The longest a move takes to end, tries and rests included, when nothing else asks anything of the valve: every try's
    /// travel and rest, and one travel more (a move asked while one is under way starts when it ends).
    /// </summary>
    public TimeSpan LongestSettle => ((TravelTime + RetryInterval) * (Retries + 1)) + TravelTime;

    /// <summary>The longest an exercise may cut the supply of a free valve (at least twice the travel time when exercised).</summary>
    public TimeSpan LongestExerciseCut { get; }

    /// <summary>
    /// The rule the lab uses when a model names none: a 10 s ball valve, three retries a minute apart, exercised every 30 days,
    /// an exercise cutting at most a minute.
    /// </summary>
    public static ValveRule Reference { get; } =
        new(TimeSpan.FromSeconds(10), 3, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30), TimeSpan.FromMinutes(1));
}
