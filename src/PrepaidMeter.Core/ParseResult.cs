namespace PrepaidMeter.Core;

/// <summary>
/// The outcome of parsing user text: a value, or a message saying what is wrong with the text.
/// Bad text is an expected outcome, so it is a value rather than an exception (NodaTime's ParseResult).
/// </summary>
public readonly struct ParseResult<T>
{
    private readonly T _value;

    private ParseResult(T value, string? error)
    {
        _value = value;
        Error = error;
    }

    public bool Success => Error is null;

    /// <summary>What is wrong with the text; null on success.</summary>
    public string? Error { get; }

    public static ParseResult<T> ForValue(T value) => new(value, null);

    public static ParseResult<T> ForError(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(default!, error);
    }

    public bool TryGetValue(out T value)
    {
        value = _value;
        return Success;
    }

    /// <exception cref="FormatException">The text did not parse.</exception>
    public T GetValueOrThrow() => Success ? _value : throw new FormatException(Error);
}
