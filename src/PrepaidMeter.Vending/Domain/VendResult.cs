using System.Diagnostics.CodeAnalysis;

namespace PrepaidMeter.Vending.Domain;

/// <summary>Why the back office refused an operation. Each is an expected outcome a user can cause.</summary>
public enum RefusalReason
{
    /// <summary>The operator's role lacks the function, or the operator is locked or disabled.</summary>
    NoPermission,

    /// <summary>Wrong login or password, or an operator locked out after too many failures.</summary>
    LoginFailed,

    /// <summary>An id, number or name that names nothing.</summary>
    NotFound,

    /// <summary>Bad input: an amount of zero, too many decimals, a malformed number, a contradiction.</summary>
    Invalid,

    /// <summary>The card holds a purchase the meter has not loaded yet.</summary>
    CardNotSwiped,

    /// <summary>The card is unreadable, of another group or account, an old copy, or replaced.</summary>
    CardRefused,

    /// <summary>The sale would pass the supply group's purchase limit.</summary>
    OverPurchaseLimit,

    /// <summary>The thing already exists, is in use, or is in the wrong state for the operation.</summary>
    Conflict,

    /// <summary>The site's licence allows no more of this.</summary>
    Licence,

    /// <summary>No card in the reader, or the write did not verify; nothing was recorded.</summary>
    CardWriteFailed,

    /// <summary>An earlier card write on this account is unsettled; run recovery first.</summary>
    Unsettled,

    /// <summary>The database could not be reached (down, restarting, network gone); nothing was half-done.</summary>
    StorageUnavailable,

    /// <summary>A file the back office must write (a backup) cannot be written: a folder in the way, no such folder, a full disk.</summary>
    Unwritable,

    /// <summary>The site's audit key is not at hand, or is not this site's: the books can be read, not written.</summary>
    AuditKey,
}

/// <summary>A refusal: its reason and one sentence for the operator.</summary>
public sealed record Refusal(RefusalReason Reason, string Message)
{
    public override string ToString() => Message;
}

/// <summary>The outcome of a back-office operation: a value, or a refusal. Programming errors still throw.</summary>
public readonly struct VendResult<T>
{
    private readonly T? _value;

    private VendResult(T? value, Refusal? refusal)
    {
        _value = value;
        Refusal = refusal;
    }

    public Refusal? Refusal { get; }

    /// <summary>True when the operation was done; false when <see cref="Refusal"/> says why not (the compiler knows it is set).</summary>
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Success => Refusal is null;

    /// <summary>The opposite of <see cref="Success"/>, for an early return: <c>if (result.Refused) return result.Refusal;</c>.</summary>
    [MemberNotNullWhen(true, nameof(Refusal))]
    public bool Refused => Refusal is not null;

    public T Value => Success ? _value! : throw new InvalidOperationException($"The operation was refused: {Refusal}");

    public static implicit operator VendResult<T>(T value) => new(value, null);

    public static implicit operator VendResult<T>(Refusal refusal) => new(default, refusal ?? throw new ArgumentNullException(nameof(refusal)));

    /// <summary>The next step on the value, or this refusal carried on (Polly's <c>Outcome</c> style): <c>a.Then(b).Then(c)</c>.</summary>
    public VendResult<TOther> Then<TOther>(Func<T, VendResult<TOther>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Success ? next(_value!) : Refusal;
    }

    /// <summary>As <see cref="Then{TOther}(Func{T, VendResult{TOther}})"/>, for a step that awaits.</summary>
    public async Task<VendResult<TOther>> ThenAsync<TOther>(Func<T, Task<VendResult<TOther>>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Success ? await next(_value!).ConfigureAwait(false) : Refusal;
    }

    /// <summary>The value turned into another, or this refusal carried on.</summary>
    public VendResult<TOther> Select<TOther>(Func<T, TOther> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Success ? map(_value!) : Refusal;
    }

    /// <summary>The value, or what <paramref name="refused"/> makes of the refusal: both ends of the result in one call.</summary>
    public TOut Match<TOut>(Func<T, TOut> done, Func<Refusal, TOut> refused)
    {
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(refused);
        return Success ? done(_value!) : refused(Refusal);
    }

    public override string ToString() => Success ? $"{_value}" : $"refused: {Refusal}";
}

/// <summary>Shorthands for refusals.</summary>
public static class Refuse
{
    public static Refusal NotFound(string message) => new(RefusalReason.NotFound, message);

    public static Refusal Invalid(string message) => new(RefusalReason.Invalid, message);

    public static Refusal Conflict(string message) => new(RefusalReason.Conflict, message);

    public static Refusal Card(string message) => new(RefusalReason.CardRefused, message);
}
