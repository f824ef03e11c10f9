namespace PrepaidMeter.Vending.Services;

/// <summary>The steps of a card-writing operation, named so a crash test can stop the process at each.</summary>
public enum CardWriteStep
{
    /// <summary>The pending record is committed; the card is untouched.</summary>
    Recorded,

    /// <summary>The card holds the new image and it verified; the database still says pending.</summary>
    CardWritten,

    /// <summary>The operation is committed and settled.</summary>
    Committed,
}

public sealed class BackOfficeOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>PBKDF2 iterations for new password hashes; tests lower it, production keeps the default.</summary>
    public int PasswordIterations { get; init; } = Security.PasswordHasher.DefaultIterations;

    /// <summary>Failed logins in a row that lock an operator out until an administrator resets the password.</summary>
    public int MaxFailedLogins { get; init; } = 5;

    /// <summary>How many times a written card's commit is tried while the database is unreachable (a server restart takes seconds).</summary>
    public int SettleAttempts { get; init; } = 5;

    /// <summary>The pause between those tries, on <see cref="Time"/>.</summary>
    public TimeSpan SettleRetryPause { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Called after each step of a card write; crash tests kill the process here.</summary>
    public Action<CardWriteStep>? AfterStep { get; init; }
}
