using System.Net.Sockets;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>
/// A CPU card with a file map (fixtures/vendor-layouts/acme-cpu.json: issuer 0005 never updated, parameters 0015 and
/// purchase 0016 behind the key, return-write 0017 free): its ISO 7816-4 answers, and the same card written and read
/// back through the real PC/SC stack (pcscd + vpcd, slot 0) by a reader that knows the files from the layout.
/// </summary>
public sealed class CpuFileMapCardTests : IDisposable
{
    private static readonly TimeSpan CardTimeout = TimeSpan.FromSeconds(10);
    private static readonly CardLayout Layout = CardLayouts.Resolve(RepoPaths.Fixtures("vendor-layouts", "acme-cpu.json")).GetLayoutOrThrow();

    private VpcdSlots? _slots;

    public void Dispose() => _slots?.Dispose();

    private static CpuCard Card() => new(Layout.NewBlankCard(Some.Keys.Psc.Span));

    private static ushort Status(CpuCard card, byte[] command) => Iso7816Apdus.StatusOf(card.Respond(command));

    private static ushort Authenticate(CpuCard card)
    {
        var challenge = card.Respond(Iso7816Apdus.GetChallenge());
        var cryptogram = CpuCardKey.Cryptogram(CpuCardKey.FromSecret(Some.Keys.Psc.Span), challenge.AsSpan(0, CpuCardKey.ChallengeSize));
        return Status(card, Iso7816Apdus.ExternalAuthenticate(cryptogram));
    }

    [Fact]
    public void Select_EachFileOfTheMap_Answers9000_AndAnIdOffTheMap6A82()
    {
        var card = Card();

        foreach (var file in Layout.Medium.Files)
        {
            Status(card, Iso7816Apdus.Select(file.Id)).ShouldBe(Iso7816Apdus.Ok);
        }

        Status(card, Iso7816Apdus.Select(CpuCard.ImageFile)).ShouldBe(Iso7816Apdus.FileNotFound);
    }

    [Fact]
    public void ReadBinary_OffsetsAreTheSelectedFiles_AndStopAtItsEnd()
    {
        var card = Card();
        Status(card, Iso7816Apdus.Select(0x0016));

        card.Respond(Iso7816Apdus.ReadBinary(0, 32)).Length.ShouldBe(34);
        Status(card, Iso7816Apdus.ReadBinary(30, 4)).ShouldBe((ushort)0x6C02);
        Status(card, Iso7816Apdus.ReadBinary(32, 1)).ShouldBe(Iso7816Apdus.WrongOffset);
    }

    [Fact]
    public void UpdateBinary_EachFileAsItsAccessConditionSays()
    {
        var card = Card();

        Status(card, Iso7816Apdus.Select(0x0017));
        Status(card, Iso7816Apdus.UpdateBinary(0, [0x01])).ShouldBe(Iso7816Apdus.Ok, "the return-write file is free");
        Status(card, Iso7816Apdus.Select(0x0016));
        Status(card, Iso7816Apdus.UpdateBinary(0, [0x01])).ShouldBe(Iso7816Apdus.SecurityNotSatisfied, "the purchase file needs the key");
        Authenticate(card).ShouldBe(Iso7816Apdus.Ok);
        Status(card, Iso7816Apdus.UpdateBinary(0, [0x01])).ShouldBe(Iso7816Apdus.Ok);
        Status(card, Iso7816Apdus.Select(0x0005));
        Status(card, Iso7816Apdus.UpdateBinary(0, [0x01])).ShouldBe(Iso7816Apdus.SecurityNotSatisfied, "the issuer file is never updated");

        (card.Memory[96], card.Memory[64], card.Memory[0]).ShouldBe(((byte)0x01, (byte)0x01, (byte)0xFF));
    }

    [Fact]
    public async Task UserCard_WrittenAndReadBackThroughPcscd_FileByFile_DecodesToTheSameRecord()
    {
        var record = Some.UserCard(Layout.Id) with { ReturnWrite = Some.ReturnWrite() };
        Layout.Encode(record, Some.Keys, out var image).ThrowIfRefused();
        var card = Layout.NewBlankCard(Some.Keys.Psc.Span);
        _slots = VpcdSlots.Take();
        await using (var inserted = await InsertAsync(card))
        {
            using var reader = new PcscCardReader(VirtualCard.ReaderName(0));
            reader.ExpectMedia([CardMedium.Sle4442, Layout.Medium]);
            (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);

            var written = await CardImageIo.WriteChangedAsync(reader, Layout.NewImage(), image, Some.Keys.Psc, CancellationToken.None);
            var (read, back) = await Layout.ReadImageAsync(reader, CancellationToken.None);

            written.ShouldBe(CardIoResult.Ok);
            read.ShouldBe(CardIoResult.Ok);
            Layout.Decode(back, Some.Keys).GetRecordOrThrow().ShouldBe(record);
            reader.Media.ShouldBe("cpu");
            inserted.Medium.ShouldBeOfType<CpuCard>();
        }

        card.Memory.ToArray().ShouldBe(image, "the lab's card holds what went through pcscd");
    }

    [Fact]
    public async Task Card_ReadByAReaderNotToldItsFiles_IsRefusedWithTheFileItLookedFor()
    {
        _slots = VpcdSlots.Take();
        await using (await InsertAsync(Layout.NewBlankCard(Some.Keys.Psc.Span)))
        {
            using var reader = new PcscCardReader(VirtualCard.ReaderName(0));
            await reader.WaitForCardAsync(CardTimeout, CancellationToken.None);

            var read = await reader.ReadAsync(0, new byte[8], CancellationToken.None);

            read.Status.ShouldBe(CardIoStatus.ReaderFault);
            read.Detail!.ShouldContain("has no file 0001");
        }
    }

    private static async Task<VirtualCard> InsertAsync(MemoryCard card)
    {
        try
        {
            return await VirtualCard.InsertAsync(0, card, CancellationToken.None);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException("pcscd with vsmartcard-vpcd is not running on 127.0.0.1:35963; tools/test.sh starts it", e);
        }
    }
}
