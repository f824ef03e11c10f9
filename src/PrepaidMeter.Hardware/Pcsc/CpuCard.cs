using System.Security.Cryptography;
using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// A virtual ISO 7816-4 CPU card (DESIGN.md §4, docs/card-media.md) over a <see cref="MemoryCard"/> of a CPU medium:
/// its transparent elementary files are the medium's file map (<see cref="CardMedium.Files"/>), each selected by its
/// identifier, read freely with READ BINARY and updated with UPDATE BINARY as the file's access condition says —
/// never, always, or after an EXTERNAL AUTHENTICATE with the card key over a challenge the card gave (GET CHALLENGE).
/// The key is derived from the group's write secret the card holds; its error counter has three tries: a wrong
/// cryptogram costs a try, three block the key for good, a right one restores the tries. Power off, reset or
/// removal ends the session. A card without a file map is one 256-byte file (0001) whose first 32 bytes — the
/// issuer's header — are never updated (<see cref="CardMedium.CpuImage"/>).
/// </summary>
public sealed class CpuCard : IVirtualCardMedium
{
    public const int ImageSize = 256;
    public const int HeaderBytes = 32;
    public const int MaxTries = 3;

    /// <summary>The file identifier of the image's elementary file on a card without a file map.</summary>
    public const ushort ImageFile = 0x0001;

    /// <summary>TS, T0 (no interface bytes, 10 historical bytes) and "PrepaidCPU": a T=0 CPU card.</summary>
    public static readonly byte[] CpuAtr = [0x3B, 0x0A, .. "PrepaidCPU"u8];

    private readonly byte[] _key;
    private byte[]? _challenge;
    private CpuFile? _selected;

    /// <param name="card">A card of a CPU medium; its code is the group's write secret, from which the key is derived.</param>
    public CpuCard(MemoryCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!card.Medium.IsCpu)
        {
            throw new ArgumentException($"A CPU card is made from a card of a CPU medium, not an {card.Medium.Name}.", nameof(card));
        }

        Card = card;
        _key = CpuCardKey.FromSecret(card.Psc);
    }

    /// <summary>A card without a file map personalised for a group: its 256-byte image and the key derived from the group's write secret.</summary>
    public static CpuCard Personalise(ReadOnlySpan<byte> image, ReadOnlySpan<byte> secret, int triesLeft = MaxTries) =>
        new(new MemoryCard(CardMedium.CpuImage, image, secret, triesLeft));

    /// <summary>The card's bytes and access rules; what a lab or `card serve` keeps after the card leaves the reader.</summary>
    public MemoryCard Card { get; }

    public string MediaName => "cpu";

    public ReadOnlySpan<byte> Atr => CpuAtr;

    public ReadOnlySpan<byte> Memory => Card.Memory;

    public int TriesLeft => Card.TriesLeft;

    public bool IsAuthenticated => Card.IsUnlocked;

    public byte[] Respond(ReadOnlySpan<byte> command) => Iso7816Apdus.Respond(this, command);

    public bool IsWrite(ReadOnlySpan<byte> command) => command.Length > 5 && command[0] == 0x00 && command[1] == Iso7816Apdus.UpdateBinaryIns;

    public void WritePartly(ReadOnlySpan<byte> command, int bytes) =>
        Update(((command[2] & 0x7F) << 8) | command[3], command[5..], bytes);

    public void EndSession()
    {
        Card.EndSession();
        _selected = null;
        _challenge = null;
    }

    internal ushort Select(ushort fileId)
    {
        _selected = Card.Medium.Files.FirstOrDefault(f => f.Id == fileId);
        return _selected is null ? Iso7816Apdus.FileNotFound : Iso7816Apdus.Ok;
    }

    internal ushort Read(int offset, Span<byte> destination)
    {
        if (_selected is not { } file)
        {
            return Iso7816Apdus.NoCurrentFile;
        }

        if (offset >= file.Size)
        {
            return Iso7816Apdus.WrongOffset;
        }

        if (offset + destination.Length > file.Size)
        {
            return (ushort)(Iso7816Apdus.WrongLengthPrefix | Math.Min(file.Size - offset, 0xFF));
        }

        Card.Memory.Slice(file.Start + offset, destination.Length).CopyTo(destination);
        return Iso7816Apdus.Ok;
    }

    /// <summary>Updates up to <paramref name="maxBytes"/> of <paramref name="data"/> (fewer models a card pulled out mid-write).</summary>
    internal ushort Update(int offset, ReadOnlySpan<byte> data, int maxBytes = int.MaxValue)
    {
        if (_selected is not { } file)
        {
            return Iso7816Apdus.NoCurrentFile;
        }

        if (offset < 0 || offset + data.Length > file.Size)
        {
            return Iso7816Apdus.WrongOffset;
        }

        // A never-updated file (or the issuer's header) and a key file before authentication answer alike: the
        // security status is not satisfied. The card's own rules decide which bytes are which.
        return Card.Write(file.Start + offset, data, maxBytes).Status switch
        {
            CardIoStatus.Ok or CardIoStatus.TornWrite => Iso7816Apdus.Ok,
            _ => Iso7816Apdus.SecurityNotSatisfied,
        };
    }

    internal byte[] GetChallenge()
    {
        _challenge = RandomNumberGenerator.GetBytes(CpuCardKey.ChallengeSize);
        return _challenge;
    }

    internal ushort ExternalAuthenticate(ReadOnlySpan<byte> cryptogram)
    {
        if (TriesLeft == 0)
        {
            return Iso7816Apdus.AuthenticationBlocked;
        }

        // A challenge answers one authentication only, right or wrong: a replayed cryptogram proves nothing.
        if (_challenge is not { } challenge)
        {
            return Iso7816Apdus.ConditionsNotSatisfied;
        }

        _challenge = null;
        var proven = CryptographicOperations.FixedTimeEquals(cryptogram, CpuCardKey.Cryptogram(_key, challenge));
        return Card.Authenticate(proven) switch
        {
            { Status: PscStatus.Accepted } => Iso7816Apdus.Ok,
            { Status: PscStatus.Wrong, TriesLeft: var left } => (ushort)(Iso7816Apdus.TriesLeftPrefix | left),
            _ => Iso7816Apdus.AuthenticationBlocked,
        };
    }
}
