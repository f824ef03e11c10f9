using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Testing;

/// <summary>
/// vpcd has two reader slots for the whole machine, and test assemblies run in parallel: a test that puts
/// cards into them holds this lock (an exclusive lock file), so no other test's card lands in its reader.
/// Taking the slots also waits until pcscd has seen the last test's cards leave: vpcd is polled, and a card
/// put in before pcscd noticed the last one go would pass for that card (its ATR, its open connections).
/// </summary>
public sealed class VpcdSlots : IDisposable
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "prepaid-vpcd-slots.lock");
    private readonly FileStream _lock;

    private VpcdSlots(FileStream held) => _lock = held;

    /// <summary>Waits (at most two minutes, then fails) until no other test holds the slots.</summary>
    public static VpcdSlots Take()
    {
        var deadline = Environment.TickCount64 + 120_000;
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

    // No pcscd or no such reader ends the wait at once: the test says so itself when it reaches for a reader.
    private static void WaitUntilEmpty()
    {
        for (var slot = 0; slot <= 1; slot++)
        {
            using var reader = new PcscCardReader(VirtualCard.ReaderName(slot));
            reader.WaitForRemovalAsync(TimeSpan.FromSeconds(10), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }
}
