using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Cli.Tests.Commands;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Devices;

/// <summary>`prepaid meter run --reader`: the meter as a device taking cards through pcscd (vpcd's slot 1).</summary>
public sealed class MeterDeviceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string MeterFile => _folder.File("m.nvram");

    private string CardFile => _folder.File("user.hex");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Card_NvramCannotBeSaved_TheCardInTheReaderIsNotWritten_AndItsNextInsertionGetsTheReturnWrite()
    {
        var sold = SetUpConfiguredMeterAndSoldCard();
        var inTheWay = Directory.CreateDirectory(MeterFile + ".tmp");
        using var slots = VpcdSlots.Take();
        using var meter = ChildPrepaid.Start("meter", "run", "-m", MeterFile, "--reader", "pcsc:" + VirtualCard.ReaderName(1));
        Process? hand = null;
        try
        {
            (await meter.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))).ShouldNotBeNull("meter run did not start").ShouldContain("waiting for cards");

            // Rule N2: the NVRAM first. It cannot be saved, so the return-write never reaches the card.
            hand = ChildPrepaid.Start("card", "serve", "--slot", "1", "--image", CardFile);
            (await ChildPrepaid.ReadUntil(meter.StandardError, "NVRAM could not be saved")).ShouldContain("the card was not written");
            (await ChildPrepaid.ReadUntil(meter.StandardError, "card: ")).ShouldContain("Loaded: 50.00 kWh loaded");
            await TakeOutAsync(hand);
            hand.Dispose();
            ImageOf(CardFile).ShouldBe(sold);

            // Writable again: the meter (which kept the load in memory) saves first, then gives the card its return-write.
            inTheWay.Delete();
            hand = ChildPrepaid.Start("card", "serve", "--slot", "1", "--image", CardFile);
            (await ChildPrepaid.ReadUntil(meter.StandardError, "card: ")).ShouldContain("AlreadyLoaded");
            await TakeOutAsync(hand);
            await ChildPrepaid.Stop(meter);
        }
        finally
        {
            KillIfRunning(hand);
            KillIfRunning(meter);
        }

        var card = CardLayouts.ReferenceV1.Decode(ImageOf(CardFile), Some.Keys).GetRecordOrThrow();
        card.ReturnWrite.ShouldNotBeNull().LoadedCount.ShouldBe(PurchaseCount.From(1));
        VirtualMeter.TryLoad(File.ReadAllBytes(MeterFile), id => MeterModels.Resolve(id).Model, out var saved).ShouldBeNull();
        saved!.Snapshot().CumulativeLoaded.Hundredths.ShouldBe(card.Purchase.Hundredths);
    }

    [Fact]
    public async Task Swipe_WithTrace_IsShownExportedReplayedAndDiffed_LikeTheSale()
    {
        SetUpConfiguredMeterAndSoldCard();
        var (trace, cardSide, cardBefore) = (_folder.File("meter.jsonl"), _folder.File("card.jsonl"), _folder.File("before.card"));
        File.Copy(CardFile, cardBefore);
        using var slots = VpcdSlots.Take();
        using var meter = ChildPrepaid.Start("meter", "run", "-m", MeterFile, "--reader", "pcsc:" + VirtualCard.ReaderName(1), "--trace", trace);
        Process? hand = null;
        try
        {
            (await meter.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))).ShouldNotBeNull("meter run did not start").ShouldContain("waiting for cards");
            hand = ChildPrepaid.Start("card", "serve", "--slot", "1", "--image", CardFile, "--trace", cardSide);
            (await ChildPrepaid.ReadUntil(meter.StandardError, "card: ")).ShouldContain("Loaded: 50.00 kWh loaded");
            await TakeOutAsync(hand);
            await ChildPrepaid.Stop(meter);
        }
        finally
        {
            KillIfRunning(hand);
            KillIfRunning(meter);
        }

        var (exit, shown, error) = await Prepaid.RunAsync("card", "trace", "show", trace, "--layout", "pm-ref-v1", "--secret", Convert.ToHexString(Some.GroupSecret));

        exit.ShouldBe(0, error);
        shown.ShouldContain("reader 'Virtual PCD 00 01'");
        shown.ShouldContain("PRESENT PSC ** ** **");
        shown.ShouldContain("returnWrite.loadedCount (absent) → 1", customMessage: "the meter's return-write, named field by field");

        var diff = await Prepaid.RunAsync("card", "trace", "diff", trace, cardSide);
        diff.Exit.ShouldBe(0, diff.Out + diff.Err);
        diff.Out.ShouldStartWith("the same: ", customMessage: "the meter's side and the card's side of one swipe");

        var script = _folder.File("swipe.scriptor");
        var export = await Prepaid.RunAsync("card", "trace", "export", trace, "--scriptor", script);
        export.Exit.ShouldBe(0, export.Err);
        (await File.ReadAllTextAsync(script)).ShouldContain("FF D0 00", customMessage: "the return-write's UPDATE BINARY commands");

        var asItWas = await Prepaid.RunAsync("card", "trace", "replay", trace, "--card", cardBefore);
        asItWas.Exit.ShouldBe(0, asItWas.Out + asItWas.Err);
        var again = await Prepaid.RunAsync("card", "trace", "replay", trace, "--card", CardFile);
        again.Exit.ShouldBe(2, "the card now holds the return-write: the swipe's reads answer otherwise");
    }

    [Fact]
    public async Task WaterMeterDevice_LoadsAVolumeCardThroughPcscd_AndDrawsItsFlowInRealTime()
    {
        // A configured pm-ref-water meter, and a user card of 3.00 m³ for it.
        var layout = CardLayouts.ReferenceV1;
        var water = MeterModels.Get("pm-ref-water");
        var made = VirtualMeter.Create(water, MeterNumber.From(12345678), SupplyGroupCode.From(100001), Some.Keys, new FakeTimeProvider(Some.Moment));
        var set = new CardRecord { Kind = CardKind.Set, Layout = layout.Id, CreditUnit = CreditUnit.Volume, SupplyGroup = SupplyGroupCode.From(100001), Parameters = water.Defaults };
        layout.Encode(set, Some.Keys, out var setImage).ThrowIfRefused();
        made.InsertCard(setImage).Accepted.ShouldBeTrue();
        File.WriteAllBytes(MeterFile, made.SaveNvram());
        var user = Some.UserCard(layout.Id) with { CreditUnit = CreditUnit.Volume, Purchase = new(CreditUnit.Volume, 300) };
        layout.Encode(user, Some.Keys, out var image).ThrowIfRefused();
        FolderCardReader.Save(CardFile, new MemoryCard(image, Some.Keys.Psc.Span));

        using var slots = VpcdSlots.Take();
        // 1,000 m³ an hour: a few seconds of the device's clock are a volume the register shows.
        using var meter = ChildPrepaid.Start("meter", "run", "-m", MeterFile, "--reader", "pcsc:" + VirtualCard.ReaderName(1), "--flow", "1000000L/h");
        Process? hand = null;
        try
        {
            (await meter.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))).ShouldNotBeNull("meter run did not start").ShouldContain("waiting for cards");
            hand = ChildPrepaid.Start("card", "serve", "--slot", "1", "--image", CardFile);
            (await ChildPrepaid.ReadUntil(meter.StandardError, "card: ")).ShouldContain("Loaded: 3.00 m³ loaded");
            await TakeOutAsync(hand);
            // Real time for the device's clock to run in: it catches up, in whole seconds, each second it waits for a card.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await ChildPrepaid.Stop(meter);
        }
        finally
        {
            KillIfRunning(hand);
            KillIfRunning(meter);
        }

        layout.Decode(ImageOf(CardFile), Some.Keys).GetRecordOrThrow().ReturnWrite.ShouldNotBeNull().LoadedCount.ShouldBe(PurchaseCount.From(1));
        VirtualMeter.TryLoad(File.ReadAllBytes(MeterFile), id => MeterModels.Resolve(id).Model, out var saved).ShouldBeNull();
        var state = saved!.Snapshot();
        state.CumulativeLoaded.ShouldBe(new CreditAmount(CreditUnit.Volume, 300));
        state.Flow.ShouldNotBeNull().CumulativeVolume.ShouldBeGreaterThan(Volume.Zero, "the device's clock ran under the flow");
        state.Conserves.ShouldBeTrue();
    }

    /// <summary>A configured pm-ref-energy meter in <see cref="MeterFile"/> and its first purchase on a card file with the group's PSC; returns the card's image.</summary>
    private byte[] SetUpConfiguredMeterAndSoldCard()
    {
        var layout = CardLayouts.ReferenceV1;
        var meter = VirtualMeter.Create(MeterModels.ReferenceEnergy, MeterNumber.From(12345678), SupplyGroupCode.From(100001), Some.Keys, new FakeTimeProvider(Some.Moment));
        var set = new CardRecord { Kind = CardKind.Set, Layout = layout.Id, SupplyGroup = SupplyGroupCode.From(100001), Parameters = MeterModels.ReferenceEnergy.Defaults };
        layout.Encode(set, Some.Keys, out var setImage).ThrowIfRefused();
        meter.InsertCard(setImage).Accepted.ShouldBeTrue();
        File.WriteAllBytes(MeterFile, meter.SaveNvram());

        layout.Encode(Some.UserCard(layout.Id), Some.Keys, out var image).ThrowIfRefused();
        FolderCardReader.Save(CardFile, new MemoryCard(image, Some.Keys.Psc.Span));
        return ImageOf(CardFile);
    }

    private static byte[] ImageOf(string path)
    {
        FolderCardReader.TryLoad(path, out var card).ShouldBeNull();
        return card!.Memory.ToArray();
    }

    // The hand pulls the card out of the reader; `card serve` saves the image as the card holds it.
    private static async Task TakeOutAsync(Process hand)
    {
        await hand.StandardInput.WriteLineAsync("quit");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await hand.WaitForExitAsync(timeout.Token);
        hand.ExitCode.ShouldBe(0, await hand.StandardError.ReadToEndAsync());
    }

    private static void KillIfRunning(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
