namespace PrepaidMeter.Vending.Transactions;

/// <summary>The steps of a card-writing operation, named so a crash test can stop the process at each.</summary>
public enum CardWriteStep
{
    /// <summary>Inside the transaction that records the pending write, before it commits: nothing is recorded yet.</summary>
    Recording,

    /// <summary>The pending record is committed; the card is untouched.</summary>
    Recorded,

    /// <summary>Every changed byte is written to the card, not yet read back; the database still says pending.</summary>
    CardWrittenUnverified,

    /// <summary>The card holds the new image and it verified; the database still says pending.</summary>
    CardWritten,

    /// <summary>Inside the settling transaction, its rows and log entry written, before it commits.</summary>
    Settling,

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

    /// <summary>
    /// The site's audit key (kept outside the database): every write appends a log entry keyed with it, so without
    /// it the books are read-only. A new site takes this key at <see cref="BackOffice.Initialise"/>.
    /// </summary>
    public Audit.AuditKey? AuditKey { get; init; }

    /// <summary>
    /// Where reports and queries read, when not the books themselves: a hot standby or a copy of the same books
    /// (<see cref="Storage.ReportCopy"/>, which the caller checks first). Everything else reads and writes the books.
    /// </summary>
    public Storage.VendingDatabase? ReportDatabase { get; init; }

    /// <summary>Called after each step of a card write; crash tests kill the process here.</summary>
    public Action<CardWriteStep>? AfterStep { get; init; }
}
