using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>
/// pcsc-tools' `scriptor` — a client this project did not write — against the virtual card on every medium, through pcscd
/// and vpcd (slot 0; tools/test.sh installs pcsc-tools and starts pcscd): each APDU of a script answered as the card's
/// documentation (docs/card-media.md) says, a malformed one included, and the reader still answering after it.
/// </summary>
public sealed class ScriptorConformanceTests : IDisposable
{
    private static readonly byte[] Secret = [0x12, 0x34, 0x56];
    private readonly VpcdSlots _slots = VpcdSlots.Take();

    public void Dispose() => _slots.Dispose();

    /// <summary>
    /// Each medium: the script's commands, and the response each must get (data and status word, hex with spaces). Each script
    /// begins with scriptor's `reset` (the card's ATR back, and a memory card's session over: its type must be selected again).
    /// </summary>
    public static TheoryData<string, string[], string[]> Scripts => new()
    {
        {
            "sle4442",
            ["reset", "FF B0 00 28 02", "FF A4 00 00 01 06", "FF B0 00 28 02", "FF", "FF B0 00 00", "FF B1 00 00 04", "FF B2 00 00 04", "FF D0 00 40 01 AA", "FF 20 00 00 03 12 34 56", "FF D0 00 40 02 AA BB", "FF D0 00 08 01 00", "FF B0 00 40 02"],
            ["OK: 3B 04 A2 13 10 91", "69 85", "90 00", "28 29 90 00", "67 00", "67 00", "07 00 00 00 90 00", "00 00 00 00 90 00", "69 82", "90 07", "90 00", "69 86", "AA BB 90 00"]
        },
        {
            "sle4428",
            ["reset", "FF A4 00 00 01 05", "FF B0 03 E8 02", "FF 20 00 00 02 12 34", "FF D0 03 E8 02 AA BB", "FF B0 03 E8 02", "FF D0 00 50 02 AA"],
            ["OK: 3B 04 92 23 10 91", "90 00", "E8 E9 90 00", "FF 12 34 90 00", "90 00", "AA BB 90 00", "67 00"]
        },
        {
            "at24c02",
            ["reset", "FF A4 00 00 01 01", "FF 01 00 00 01 03", "FF D0 00 00 04 01 02 03 04", "FF B0 00 00 04", "FF 20 00 00 03 12 34 56", "FF B0 00 FE 04"],
            ["OK: 3B 04 49 32 43 2E", "90 00", "90 00", "90 00", "01 02 03 04 90 00", "6D 00", "6B 00"]
        },
        {
            "cpu",
            ["reset", "00 A4 00 0C 02 00 01", "00 B0 00 28 02", "00 D6 00 40 01 AA", "00 D6 00 08 01 AA", "00 A4 00 0C 02 00 09", "80 B0 00 00 02"],
            ["OK: 3B 0A 50 72 65 70 61 69 64 43 50 55", "90 00", "28 29 90 00", "69 82", "69 82", "6A 82", "6E 00"]
        },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Scriptor_ScriptOnEveryMedium_GetsTheDocumentedAnswers(string medium, string[] commands, string[] answers)
    {
        var kind = CardMedium.Parse(medium) ?? throw new InvalidOperationException($"no medium {medium}");
        var content = Enumerable.Range(0, kind.Capacity).Select(i => unchecked((byte)i)).ToArray();
        var card = new MemoryCard(kind, content, kind.PscOf(Secret));
        await using (await Slot0.InsertAsync(card))
        {
            (await RunScriptorAsync(commands)).ShouldBe(answers, $"scriptor's answers on {medium}");
        }
    }

    /// <summary>scriptor's response lines' bytes (`&lt; 90 00 : Normal processing.` → `90 00`; a reset's `OK: ATR`).</summary>
    private static async Task<string[]> RunScriptorAsync(string[] commands) => Scriptor.Answers(await Scriptor.RunAsync(Slot0.Reader, commands));
}
