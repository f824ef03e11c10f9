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

    private static void WaitUntilEmpty()
    {
        PcscContext context;
        try
        {
            context = PcscContext.Establish();
        }
        catch (PcscException)
        {
            return; // no pcscd: the test says so itself when it reaches for a reader
        }

        using (context)
        {
            for (var slot = 0; slot <= 1; slot++)
            {
                var name = VirtualCard.ReaderName(slot);
                var deadline = Environment.TickCount64 + 10_000;
                uint state = 0;
                try
                {
                    while ((state & 0x20) != 0 || state == 0)
                    {
                        // SCARD_STATE_PRESENT is 0x20; wait for pcscd to report the reader's state changing
                        state = context.WaitForChange(name, state, TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)));
                        if (Environment.TickCount64 >= deadline)
                        {
                            break;
                        }
                    }
                }
                catch (PcscException)
                {
                    // no such reader: nothing to wait for
                }
            }
        }
    }
}
