namespace PrepaidMeter.Cards.Layouts;

/// <summary>A compiled layout, or every problem found in its descriptor, each naming the field at fault.</summary>
public sealed class LayoutLoadResult
{
    private LayoutLoadResult(CardLayout? layout, IReadOnlyList<string> errors)
    {
        Layout = layout;
        Errors = errors;
    }

    public CardLayout? Layout { get; }

    public IReadOnlyList<string> Errors { get; }

    public bool Success => Layout is not null;

    public static LayoutLoadResult Loaded(CardLayout layout) => new(layout, []);

    public static LayoutLoadResult Refused(string source, IEnumerable<string> errors) =>
        new(null, [.. errors.Select(e => $"{source}: {e}")]);

    /// <exception cref="InvalidOperationException">The descriptor was refused.</exception>
    public CardLayout GetLayoutOrThrow() =>
        Layout ?? throw new InvalidOperationException(string.Join(Environment.NewLine, Errors));
}
