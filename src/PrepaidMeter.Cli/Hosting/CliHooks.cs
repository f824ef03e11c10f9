using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Cli.Hosting;

/// <summary>
/// What only a test host can install into a run of `prepaid`: a call at each step of a card write (a crash test
/// kills the process there), a wrapper round the card reader (one that tears a write at a chosen byte) and a
/// clock (so that a run killed part-way and a run left alone stamp the same books). A
/// shipped `prepaid` has no way to switch these on — no option, no environment variable; the crash tests run
/// the CLI through their own host (tests/PrepaidMeter.Cli.Tests, CrashHost.cs).
/// </summary>
internal sealed record CliHooks
{
    private static readonly AsyncLocal<CliHooks?> Installed = new();

    public Action<CardWriteStep>? AfterCardWriteStep { get; init; }

    public Func<ICardReader, ICardReader>? WrapReader { get; init; }

    public TimeProvider? Time { get; init; }

    /// <summary>The hooks of the run in progress (none in a shipped run).</summary>
    public static CliHooks? Current => Installed.Value;

    /// <summary>Runs <paramref name="run"/> with these hooks installed for it and everything it awaits.</summary>
    public async Task<int> Around(Func<Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Installed.Value = this;
        try
        {
            return await run();
        }
        finally
        {
            Installed.Value = null;
        }
    }
}
