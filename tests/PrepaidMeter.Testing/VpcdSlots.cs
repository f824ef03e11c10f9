namespace PrepaidMeter.Testing;

/// <summary>
/// vpcd has two reader slots for the whole machine, and test assemblies run in parallel: a test that puts
/// cards into them holds this lock (an exclusive lock file), so no other test's card lands in its reader.
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
                return new VpcdSlots(new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}
