using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Hardware.Traces;
using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.Traces;

/// <summary>
/// `trace show --layout` on a CPU card with a file map (fixtures/vendor-layouts/acme-cpu.json): a write's card address is
/// the selected file's start plus the UPDATE BINARY offset, so the purchase file's write is told in the layout's fields.
/// </summary>
public sealed class CpuTraceShowTests
{
    private static readonly CardLayout Layout = CardLayouts.Resolve(RepoPaths.Fixtures("vendor-layouts", "acme-cpu.json")).GetLayoutOrThrow();

    private static byte[] Memory(uint count, decimal kwh)
    {
        Layout.Encode(Some.UserCard(Layout.Id, count, kwh), Some.Keys, out var image).Success.ShouldBeTrue();
        var memory = Layout.NewCardMemory();
        image.CopyTo(memory, Layout.MediumOffset);
        return memory;
    }

    [Fact]
    public void Show_SaleOnACpuCard_NamesTheFieldsOfTheFileItWrote()
    {
        var before = Memory(2, 30m);
        var after = Memory(3, 40m);
        var trace = new CollectingTrace(new FakeTimeProvider(Some.Moment));
        var card = new TracingMedium(new CpuCard(new MemoryCard(Layout.Medium, before.ToArray(), Layout.Medium.PscOf(Some.Keys.Psc.Span))), trace);

        // Read every file whole (the watch then knows the card), authenticate, and update what changed, file by file.
        foreach (var file in Layout.Medium.Files)
        {
            card.Respond(Iso7816Apdus.Select(file.Id));
            card.Respond(Iso7816Apdus.ReadBinary(0, file.Size));
        }

        var challenge = card.Respond(Iso7816Apdus.GetChallenge());
        card.Respond(Iso7816Apdus.ExternalAuthenticate(CpuCardKey.Cryptogram(CpuCardKey.FromSecret(Some.Keys.Psc.Span), challenge.AsSpan(0, CpuCardKey.ChallengeSize))));
        var written = 0;
        foreach (var file in Layout.Medium.Files)
        {
            var span = (Start: file.Start, file.Size);
            if (!before.AsSpan(span.Start, span.Size).SequenceEqual(after.AsSpan(span.Start, span.Size)))
            {
                card.Respond(Iso7816Apdus.Select(file.Id));
                Iso7816Apdus.StatusOf(card.Respond(Iso7816Apdus.UpdateBinary(0, after.AsSpan(span.Start, span.Size)))).ShouldBe(Iso7816Apdus.Ok, file.Name);
                written++;
            }
        }

        using var output = new StringWriter();
        TraceShow.Write(output, trace.Exchanges, new CardImageWatch(Layout, Some.Keys));

        written.ShouldBeGreaterThan(0);
        var effects = output.ToString().Split('\n').Where(l => l.StartsWith("  = ", StringComparison.Ordinal)).ToList();
        effects.ShouldNotBeEmpty(output.ToString());
        effects[^1].ShouldContain("purchase 30.00 → 40.00");
        effects[^1].ShouldContain("purchaseCount 2 → 3");
    }
}
