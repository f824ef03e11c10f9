using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Meter.Tokens;

/// <summary>
/// How a model takes keypad tokens (the model file's "token" section, docs/meter-models.md): the STS identity a new meter
/// is made with — everything but its decoder reference number and its key, which `meter new` installs — and the
/// meter's own settings: the TID memory's size, how long a key change's first section waits for the rest, the
/// manufacturer code of its test tokens, the credit register's limit and the keypad's lock-out.
/// </summary>
public sealed record TokenRule
{
    public required EncryptionAlgorithm Algorithm { get; init; }

    public required KeyGeneration KeyGeneration { get; init; }

    public string Iin { get; init; } = MeterIdentity.DefaultIin;

    public required int KeyType { get; init; }

    public required int SupplyGroup { get; init; }

    public required int TariffIndex { get; init; }

    public required int KeyRevision { get; init; }

    public required BaseDate BaseDate { get; init; }

    public int KeyExpiry { get; init; } = 255;

    /// <summary>How many of the most recent accepted token identifiers the meter keeps (rule TK5). The standard's figure is not public.</summary>
    public int TidMemory { get; init; } = 50;

    /// <summary>How long the first key change section entered waits for the rest of its set (rule TK11).</summary>
    public TimeSpan KeyChangeWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The manufacturer code class 1 test tokens must carry; its digit count (2 or 4) picks the test token subclass (0 or 1).</summary>
    public required string ManufacturerCode { get; init; }

    /// <summary>The most credit the register holds, hundredths of the credit unit (rule TK7, "Overflow").</summary>
    public long CreditRegisterLimit { get; init; } = 99_999_999;

    public KeypadLockoutRule Lockout { get; init; } = KeypadLockoutRule.Default;

    /// <summary>The class 1 subclass this meter's manufacturer code belongs to: 0 for a 2-digit code, 1 for a 4-digit one.</summary>
    public int TestSubclass => ManufacturerCode.Length == 2 ? 0 : 1;
}

/// <summary>
/// Rule TK14 (manufacturer practice, not the standard): after <see cref="After"/> invalid entries in a row the keypad
/// locks for <see cref="First"/>, each further invalid entry locks it for twice the time before, up to <see cref="Cap"/>.
/// </summary>
public sealed record KeypadLockoutRule(int After, TimeSpan First, TimeSpan Cap)
{
    public static KeypadLockoutRule Default { get; } = new(3, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1280));

    /// <summary>How long the <paramref name="invalid"/>-th invalid entry in a row locks the keypad for; zero below <see cref="After"/>.</summary>
    public TimeSpan LockFor(int invalid)
    {
        if (invalid < After)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(invalid - After, 30);
        var seconds = First.TotalSeconds * Math.Pow(2, doublings);
        return TimeSpan.FromSeconds(Math.Min(seconds, Cap.TotalSeconds));
    }
}
