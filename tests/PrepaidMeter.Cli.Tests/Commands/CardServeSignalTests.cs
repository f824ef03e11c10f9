using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>`prepaid card serve` stopped by SIGTERM while its standard input is still open (a script's pipe, a service).</summary>
public sealed class CardServeSignalTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Serve_SigtermWithStdinStillOpen_PullsTheCardOutAndSavesWhatWasWritten()
    {
        var path = _folder.File("card.hex");
        FolderCardReader.Save(path, new MemoryCard(new byte[256], SaleOnACard.Psc));
        using var slots = VpcdSlots.Take();
        using var hand = ChildPrepaid.Start("card", "serve", "--slot", "1", "--image", path);
        try
        {
            await ChildPrepaid.ReadUntil(hand.StandardOutput, "in reader");
            using (var reader = new PcscCardReader(VirtualCard.ReaderName(1)))
            {
                (await reader.WaitForCardAsync(TimeSpan.FromSeconds(10), CancellationToken.None)).ShouldBe(CardPresence.Present);
                (await reader.PresentPscAsync(SaleOnACard.Psc, CancellationToken.None)).Status.ShouldBe(PscStatus.Accepted);
                (await reader.WriteAsync(64, new byte[] { 0xAB, 0xCD }, CancellationToken.None)).Success.ShouldBeTrue();
            }

            // Standard input stays open: the card must not wait for a line that never comes.
            await ChildPrepaid.Stop(hand);
            (await hand.StandardOutput.ReadToEndAsync()).ShouldContain("the image is saved to " + path);
        }
        finally
        {
            if (!hand.HasExited)
            {
                hand.Kill(entireProcessTree: true);
            }
        }

        FolderCardReader.TryLoad(path, out var saved).ShouldBeNull();
        saved!.Memory[64..66].ToArray().ShouldBe(new byte[] { 0xAB, 0xCD });
    }
}
