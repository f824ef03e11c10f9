using System.Globalization;

namespace PrepaidMeter.Meter.State;

/// <summary>The write steps of card handling, in the order the firmware takes them (rule N2).</summary>
public enum PowerCutStep : byte
{
    None,

    /// <summary>The meter has decided but not committed: nothing happened.</summary>
    BeforeCommit,

    /// <summary>The meter has committed; not one byte of the card was written.</summary>
    AfterCommit,

    /// <summary>The meter has committed; some of the card's changed bytes landed, the rest did not.</summary>
    DuringCardWrite,

    /// <summary>The meter has committed and the whole return-write landed, but the meter did not read it back.</summary>
    BeforeReadBack,
}

/// <summary>
/// Where the test harness cuts power inside card handling (rule N2): a step, and for a cut during the
/// card write how many of the changed bytes land first. Finer than <see cref="PowerCutPoint"/>, which
/// scenario files and the lab name and which maps onto it (<see cref="From"/>); the default is no cut.
/// </summary>
public readonly record struct PowerCut
{
    // For DuringCardWrite: the changed bytes that land; null is "half of them", the coarse point's torn write.
    private readonly int? _changedBytesLanded;

    private PowerCut(PowerCutStep step, int? changedBytesLanded)
    {
        Step = step;
        _changedBytesLanded = changedBytesLanded;
    }

    public static PowerCut None => default;

    public static PowerCut BeforeCommit => new(PowerCutStep.BeforeCommit, null);

    public static PowerCut AfterCommit => new(PowerCutStep.AfterCommit, null);

    /// <summary>The whole return-write is on the card; power went before the meter verified it.</summary>
    public static PowerCut BeforeReadBack => new(PowerCutStep.BeforeReadBack, null);

    /// <summary>Half the changed bytes (rounded down) land: what <see cref="PowerCutPoint.DuringCardWrite"/> has always meant.</summary>
    public static PowerCut HalfwayThroughCardWrite => new(PowerCutStep.DuringCardWrite, null);

    public PowerCutStep Step { get; }

    public bool IsNone => Step == PowerCutStep.None;

    /// <summary>
    /// For a cut during the card write, the changed bytes that land first; null for every other step and for the
    /// coarse point's "half of them" (what a lab channel carries to a meter device).
    /// </summary>
    public int? ChangedBytesLanded => Step == PowerCutStep.DuringCardWrite ? _changedBytesLanded : null;

    /// <summary>
    /// The cut at <paramref name="step"/>; for <see cref="PowerCutStep.DuringCardWrite"/> after
    /// <paramref name="changedBytesLanded"/> changed bytes (null: half of them). A count with any other step is refused.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count, an unknown step, or a count with a step that writes no card.</exception>
    public static PowerCut At(PowerCutStep step, int? changedBytesLanded = null) => (step, changedBytesLanded) switch
    {
        (PowerCutStep.DuringCardWrite, { } landed) => DuringCardWrite(landed),
        (PowerCutStep.DuringCardWrite, null) => HalfwayThroughCardWrite,
        (_, not null) => throw new ArgumentOutOfRangeException(nameof(changedBytesLanded), changedBytesLanded, "Only a cut during the card write lands a number of bytes."),
        (PowerCutStep.None, _) => None,
        (PowerCutStep.BeforeCommit, _) => BeforeCommit,
        (PowerCutStep.AfterCommit, _) => AfterCommit,
        (PowerCutStep.BeforeReadBack, _) => BeforeReadBack,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown power-cut step."),
    };

    /// <summary>
    /// Power goes once <paramref name="changedBytesLanded"/> of the bytes the return-write changes have landed,
    /// in the order a reader writes them (the changed runs by ascending offset). A count at or past all of
    /// them lands the whole return-write.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count.</exception>
    public static PowerCut DuringCardWrite(int changedBytesLanded)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(changedBytesLanded);
        return new(PowerCutStep.DuringCardWrite, changedBytesLanded);
    }

    /// <summary>The coarse point of scenario files and the lab, with the meaning it has always had.</summary>
    public static PowerCut From(PowerCutPoint point) => point switch
    {
        PowerCutPoint.None => None,
        PowerCutPoint.BeforeCommit => BeforeCommit,
        PowerCutPoint.AfterCommit => AfterCommit,
        PowerCutPoint.DuringCardWrite => HalfwayThroughCardWrite,
        _ => throw new ArgumentOutOfRangeException(nameof(point), point, "Unknown power-cut point."),
    };

    /// <summary>How many of <paramref name="changed"/> changed bytes land before the power goes.</summary>
    public int LandedOf(int changed) => Step switch
    {
        PowerCutStep.DuringCardWrite => Math.Min(_changedBytesLanded ?? changed / 2, changed),
        PowerCutStep.BeforeReadBack => changed,
        _ => 0,
    };

    public override string ToString() => Step switch
    {
        PowerCutStep.DuringCardWrite when _changedBytesLanded is { } landed =>
            string.Create(CultureInfo.InvariantCulture, $"DuringCardWrite({landed})"),
        PowerCutStep.DuringCardWrite => "DuringCardWrite(half)",
        _ => Step.ToString(),
    };
}
