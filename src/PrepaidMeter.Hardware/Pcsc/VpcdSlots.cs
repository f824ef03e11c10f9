namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// vpcd has two reader slots for the whole machine, and several programs (test assemblies running in
/// parallel, a lab run on the stack target) may want them: whoever puts cards into them holds this lock (an
/// exclusive lock file), so no one else's card lands in its reader.
/// Taking the slots also waits until pcscd has seen the last holder's cards leave: vpcd is polled, and a card
/// put in before pcscd noticed the last one go would pass for that card (its ATR, its open connections).
/// </summary>
public sealed class VpcdSlots : IDisposable
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "prepaid-vpcd-slots.lock");
    private readonly FileStream _lock;

    private VpcdSlots(FileStream held) => _lock = held;

    /// <summary>
    /// How long <see cref="Take"/> waits: two minutes, or the seconds in PREPAID_VPCD_PATIENCE_SECONDS — a test run
    /// whose stack tests hold the slots for minutes one after another (tools/test.sh) waits longer rather than fail.
    /// </summary>
    public static TimeSpan Patience { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("PREPAID_VPCD_PATIENCE_SECONDS"), out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(2);

    /// <summary>Waits (at most <see cref="Patience"/>, then fails with an <see cref="IOException"/>) until no one else holds the slots.</summary>
    public static VpcdSlots Take()
    {
        var deadline = Environment.TickCount64 + (long)Patience.TotalMilliseconds;
        while (true)
        {
            try
            {
                var slots = new VpcdSlots(new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                WaitUntilEmpty();
                return slots;
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    public void Dispose() => _lock.Dispose();

    // No pcscd or no such reader ends the wait at once: the holder finds out when it reaches for a reader.
    private static void WaitUntilEmpty()
    {
        for (var slot = 0; slot <= 1; slot++)
        {
            using var reader = new PcscCardReader(VirtualCard.ReaderName(slot));
            reader.WaitForRemovalAsync(TimeSpan.FromSeconds(10), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }
}
