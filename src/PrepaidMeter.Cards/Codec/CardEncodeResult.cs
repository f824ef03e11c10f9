using System.Diagnostics.CodeAnalysis;

namespace PrepaidMeter.Cards.Codec;

/// <summary>Why a record could not be written in a layout: a value the layout's field cannot hold, a kind it does not carry.</summary>
public sealed record EncodeProblem(string? Field, string Detail)
{
    public override string ToString() => Field is null ? Detail : $"{Field}: {Detail}";
}

/// <summary>Success, or the problem; on a problem the destination image is left exactly as it was.</summary>
public readonly struct CardEncodeResult
{
    private CardEncodeResult(EncodeProblem? problem) => Problem = problem;

    public EncodeProblem? Problem { get; }

    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Success => Problem is null;

    public static CardEncodeResult Written => default;

    public static CardEncodeResult Refused(string? field, string detail) => new(new EncodeProblem(field, detail));

    /// <exception cref="InvalidOperationException">The record could not be encoded.</exception>
    public void ThrowIfRefused()
    {
        if (Problem is not null)
        {
            throw new InvalidOperationException($"The record cannot be encoded: {Problem}");
        }
    }
}
