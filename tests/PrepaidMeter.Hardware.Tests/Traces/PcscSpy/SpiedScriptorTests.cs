using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Hardware.Tests.Pcsc;
using PrepaidMeter.Hardware.Traces;
using PrepaidMeter.Hardware.Traces.PcscSpy;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.Traces.PcscSpy;

/// <summary>
/// What QA does with another program: scriptor (a client this project did not write) runs against the virtual card
/// through pcscd while Debian's libpcscspy (libpcsclite-dev; tools/test.sh installs it) logs its PC/SC calls; the log,
/// imported, is the exchange the card itself recorded.
/// </summary>
public sealed class SpiedScriptorTests : IDisposable
{
    private readonly VpcdSlots _slots = VpcdSlots.Take();
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _folder.Dispose();
        _slots.Dispose();
    }

    [Fact]
    public async Task SpiedScriptor_ImportedLog_IsTheExchangeTheCardRecorded()
    {
        var cardSide = new CollectingTrace(TimeProvider.System);
        var card = new MemoryCard(CardMedium.Sle4442, new byte[256], CardMedium.Sle4442.PscOf([0x12, 0x34, 0x56]));
        var medium = new TracingMedium(new MemoryCardOnAcsReader(card), cardSide);
        string[] script = ["reset", "FF A4 00 00 01 06", "FF 20 00 00 03 12 34 56", "FF D0 00 40 02 AA BB", "FF B0 00 40 02", "FF B1 00 00 04"];

        await using (await VirtualCard.InsertAsync(0, medium, CancellationToken.None))
        {
            using var reader = new PcscCardReader(Slot0.Reader);
            (await reader.WaitForCardAsync(TimeSpan.FromSeconds(10), CancellationToken.None)).ShouldBe(CardPresence.Present);
            // Our own reader's look at the card is not scriptor's session.
            cardSide.Exchanges.Clear();
            await Scriptor.RunAsync(Slot0.Reader, script, SpyEnvironment());
        }

        var import = PcscSpyLog.Read(File.ReadAllText(Path.Combine(_folder.Path, "home", "pcsc-spy")), DateTimeOffset.UnixEpoch);

        import.Form.ShouldBe(PcscSpyForm.Raw);
        var imported = import.Trace.Exchanges;
        imported.Select(e => Convert.ToHexString(e.Command)).ShouldBe(cardSide.Exchanges.Select(e => Convert.ToHexString(e.Command)));
        imported.Select(e => Convert.ToHexString(e.Response)).ShouldBe(cardSide.Exchanges.Select(e => Convert.ToHexString(e.Response)));
        imported.ShouldAllBe(e => e.Reader == Slot0.Reader && e.Atr != null && Convert.ToHexString(e.Atr) == "3B04A2131091");
    }

    /// <summary>
    /// scriptor's PC/SC module dlopens libpcsclite.so.1, so LD_PRELOAD cannot interpose: a folder first on
    /// LD_LIBRARY_PATH holds the spy under that name and the real library under the name the spy loads
    /// (libpcsclite_nospy.so.1, as the package's install_spy.sh arranges system-wide). The spy writes to $HOME/pcsc-spy,
    /// a FIFO for `pcsc-spy`, here a plain file.
    /// </summary>
    private Dictionary<string, string> SpyEnvironment()
    {
        var spy = Library("libpcscspy.so.0");
        var real = Library("libpcsclite.so.1");
        var lib = Directory.CreateDirectory(Path.Combine(_folder.Path, "lib")).FullName;
        File.CreateSymbolicLink(Path.Combine(lib, "libpcsclite.so.1"), spy);
        File.CreateSymbolicLink(Path.Combine(lib, "libpcsclite_nospy.so.1"), real);
        var home = Directory.CreateDirectory(Path.Combine(_folder.Path, "home")).FullName;
        File.WriteAllBytes(Path.Combine(home, "pcsc-spy"), []);
        return new() { ["HOME"] = home, ["LD_LIBRARY_PATH"] = lib };
    }

    private static string Library(string name) =>
        Directory.EnumerateDirectories("/usr/lib").Append("/usr/lib").Append("/lib64")
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed: tools/test.sh installs libpcsclite-dev (pcsc-spy)");
}
