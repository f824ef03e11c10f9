using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>The virtual CPU card answers ISO 7816-4 commands as a prepaid CPU card does.</summary>
public sealed class Iso7816ApdusTests
{
    private static readonly byte[] Secret = [0x12, 0x34, 0x56];

    private static byte[] Image() => [.. Enumerable.Range(0, 256).Select(i => (byte)i)];

    private static CpuCard Selected(byte[]? secret = null)
    {
        var card = CpuCard.Personalise(Image(), secret ?? Secret);
        Iso7816Apdus.Respond(card, Iso7816Apdus.Select(CpuCard.ImageFile)).ShouldBe(new byte[] { 0x90, 0x00 });
        return card;
    }

    /// <summary>GET CHALLENGE, then EXTERNAL AUTHENTICATE with the key derived from <paramref name="secret"/>; the status word.</summary>
    private static ushort Authenticate(CpuCard card, byte[] secret)
    {
        var challenge = Iso7816Apdus.Respond(card, Iso7816Apdus.GetChallenge());
        Iso7816Apdus.StatusOf(challenge).ShouldBe(Iso7816Apdus.Ok);
        var cryptogram = CpuCardKey.Cryptogram(CpuCardKey.FromSecret(secret), challenge.AsSpan(0, CpuCardKey.ChallengeSize));
        return Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.ExternalAuthenticate(cryptogram)));
    }

    [Fact]
    public void ReadBinary_SixteenBytesAt40_AnswersThemThen9000()
    {
        var answer = Iso7816Apdus.Respond(Selected(), Iso7816Apdus.ReadBinary(40, 16));

        answer.ShouldBe([.. Enumerable.Range(40, 16).Select(i => (byte)i), 0x90, 0x00]);
    }

    [Fact]
    public void ReadBinary_BeforeTheImageFileIsSelected_IsRefused()
    {
        var card = CpuCard.Personalise(Image(), Secret);

        Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.ReadBinary(0, 16))).ShouldBe(Iso7816Apdus.NoCurrentFile);
        Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.Select(0x3F01))).ShouldBe(Iso7816Apdus.FileNotFound);
    }

    [Fact]
    public void ReadBinary_PastTheEndOfTheFile_SaysHowManyBytesThereAre()
    {
        var card = Selected();

        Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.ReadBinary(250, 16))).ShouldBe((ushort)0x6C06);
        Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.ReadBinary(256, 1))).ShouldBe(Iso7816Apdus.WrongOffset);
    }

    [Fact]
    public void UpdateBinary_WithoutAuthentication_IsRefused_AndTheImageIsUntouched()
    {
        var card = Selected();

        Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.UpdateBinary(64, [0xAA]))).ShouldBe(Iso7816Apdus.SecurityNotSatisfied);

        card.Memory[64].ShouldBe((byte)64);
    }

    [Fact]
    public void UpdateBinary_AfterExternalAuthenticate_ChangesTheImage_ButNeverTheHeader()
    {
        var card = Selected();
        Authenticate(card, Secret).ShouldBe(Iso7816Apdus.Ok);

        Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.UpdateBinary(64, [0xAA, 0xBB]))).ShouldBe(Iso7816Apdus.Ok);
        Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.UpdateBinary(8, [0xAA]))).ShouldBe(Iso7816Apdus.SecurityNotSatisfied);

        card.Memory[64].ShouldBe((byte)0xAA);
        card.Memory[65].ShouldBe((byte)0xBB);
        card.Memory[8].ShouldBe((byte)8);
    }

    [Fact]
    public void ExternalAuthenticate_WrongKeyThreeTimes_CountsDownThenBlocks_EvenForTheRightKey()
    {
        var card = Selected();
        byte[] wrong = [9, 9, 9];

        Authenticate(card, wrong).ShouldBe((ushort)0x63C2);
        Authenticate(card, wrong).ShouldBe((ushort)0x63C1);
        Authenticate(card, wrong).ShouldBe(Iso7816Apdus.AuthenticationBlocked);
        Authenticate(card, Secret).ShouldBe(Iso7816Apdus.AuthenticationBlocked, "blocked for good");
        Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.UpdateBinary(64, [1]))).ShouldBe(Iso7816Apdus.SecurityNotSatisfied);
        card.TriesLeft.ShouldBe(0);
    }

    [Fact]
    public void ExternalAuthenticate_RightKeyAfterAWrongOne_RestoresTheTries()
    {
        var card = Selected();

        Authenticate(card, [9, 9, 9]).ShouldBe((ushort)0x63C2);
        Authenticate(card, Secret).ShouldBe(Iso7816Apdus.Ok);

        card.TriesLeft.ShouldBe(CpuCard.MaxTries);
    }

    [Fact]
    public void ExternalAuthenticate_ReplayingACryptogram_IsRefused_AChallengeAnswersOnce()
    {
        var card = Selected();
        var challenge = Iso7816Apdus.Respond(card, Iso7816Apdus.GetChallenge());
        var cryptogram = CpuCardKey.Cryptogram(CpuCardKey.FromSecret(Secret), challenge.AsSpan(0, CpuCardKey.ChallengeSize));
        Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.ExternalAuthenticate(cryptogram))).ShouldBe(Iso7816Apdus.Ok);
        card.EndSession();
        Iso7816Apdus.Respond(card, Iso7816Apdus.Select(CpuCard.ImageFile));

        Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.ExternalAuthenticate(cryptogram))).ShouldBe(Iso7816Apdus.ConditionsNotSatisfied);
        card.IsAuthenticated.ShouldBeFalse();
    }

    [Fact]
    public void EndSession_LocksWritesAgain()
    {
        var card = Selected();
        Authenticate(card, Secret).ShouldBe(Iso7816Apdus.Ok);

        card.EndSession();
        Iso7816Apdus.Respond(card, Iso7816Apdus.Select(CpuCard.ImageFile));

        Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.UpdateBinary(64, [1]))).ShouldBe(Iso7816Apdus.SecurityNotSatisfied);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xB0, 0x00, 0x00, 0x10 })]
    [InlineData(new byte[] { 0x00, 0x99, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x00, 0xD6, 0x00, 0x40, 0x05, 0x01 })]
    [InlineData(new byte[] { 0x00, 0x82, 0x00, 0x01, 0x03, 1, 2, 3 })]
    [InlineData(new byte[] { 0x00 })]
    public void Respond_SomethingElse_IsAnErrorStatusNeverAnException(byte[] apdu)
    {
        var answer = Iso7816Apdus.Respond(Selected(), apdu);

        answer.Length.ShouldBe(2);
        answer[0].ShouldNotBe((byte)0x90);
    }

    [Property]
    public Property UpdateThenReadBinary_AnywhereAfterTheHeader_ReadsBackWhatWasWritten() =>
        Prop.ForAll(
            Gen.Choose(CpuCard.HeaderBytes, 255).SelectMany(offset => Gen.Choose(1, 256 - offset).Select(length => (offset, length))).ToArbitrary(),
            ArbMap.Default.ArbFor<byte[]>(),
            (range, seed) =>
            {
                var card = Selected();
                Authenticate(card, Secret).ShouldBe(Iso7816Apdus.Ok);
                var data = Enumerable.Range(0, range.length).Select(i => seed.Length == 0 ? (byte)i : (byte)(seed[i % seed.Length] ^ i)).ToArray();

                var written = Iso7816Apdus.StatusOf(Iso7816Apdus.Respond(card, Iso7816Apdus.UpdateBinary(range.offset, data)));
                var read = Iso7816Apdus.Respond(card, Iso7816Apdus.ReadBinary(range.offset, range.length));

                return written == Iso7816Apdus.Ok && read.AsSpan(0, range.length).SequenceEqual(data) && Iso7816Apdus.StatusOf(read) == Iso7816Apdus.Ok;
            });
}
