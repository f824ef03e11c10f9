using System.Security.Cryptography;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// A virtual ISO 7816-4 CPU card (DESIGN.md §4): the card image is one transparent elementary file
/// (<see cref="ImageFile"/>, 256 bytes) whose first 32 bytes — the issuer's header — are never updated;
/// reading is free, updating needs an EXTERNAL AUTHENTICATE with the card key over a challenge the card
/// gave (GET CHALLENGE). The key has an error counter of three tries: a wrong cryptogram costs a try, three
/// block the key for good, a right one restores the tries. Power off, reset or removal ends the session.
/// </summary>
public sealed class CpuCard : IVirtualCardMedium
{
    public const int ImageSize = 256;
    public const int HeaderBytes = 32;
    public const int MaxTries = 3;

    /// <summary>The file identifier of the image's elementary file.</summary>
    public const ushort ImageFile = 0x0001;

    /// <summary>TS, T0 (no interface bytes, 10 historical bytes) and "PrepaidCPU": a T=0 CPU card.</summary>
    public static readonly byte[] CpuAtr = [0x3B, 0x0A, .. "PrepaidCPU"u8];

    private readonly byte[] _image = new byte[ImageSize];
    private readonly byte[] _key;
    private byte[]? _challenge;
    private bool _selected;

    public CpuCard(ReadOnlySpan<byte> image, ReadOnlySpan<byte> key, int triesLeft = MaxTries)
    {
        if (key.Length != CpuCardKey.Size)
        {
            throw new ArgumentException($"A CPU card key has {CpuCardKey.Size} bytes.", nameof(key));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(triesLeft);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(triesLeft, MaxTries);
        _image.AsSpan().Fill(0xFF);
        image[..Math.Min(image.Length, ImageSize)].CopyTo(_image);
        _key = key.ToArray();
        TriesLeft = triesLeft;
    }

    /// <summary>A card personalised for a group: its image and the key derived from the group's write secret.</summary>
    public static CpuCard Personalise(ReadOnlySpan<byte> image, ReadOnlySpan<byte> secret, int triesLeft = MaxTries) =>
        new(image, CpuCardKey.FromSecret(secret), triesLeft);

    public string MediaName => "cpu";

    public ReadOnlySpan<byte> Atr => CpuAtr;

    public ReadOnlySpan<byte> Memory => _image;

    public int TriesLeft { get; private set; }

    public bool IsAuthenticated { get; private set; }

    public byte[] Respond(ReadOnlySpan<byte> command) => Iso7816Apdus.Respond(this, command);

    public bool IsWrite(ReadOnlySpan<byte> command) => command.Length > 5 && command[0] == 0x00 && command[1] == Iso7816Apdus.UpdateBinaryIns;

    public void WritePartly(ReadOnlySpan<byte> command, int bytes) =>
        Update(((command[2] & 0x7F) << 8) | command[3], command[5..], bytes);

    public void EndSession()
    {
        IsAuthenticated = false;
        _selected = false;
        _challenge = null;
    }

    internal ushort Select(ushort fileId)
    {
        _selected = fileId == ImageFile;
        return _selected ? Iso7816Apdus.Ok : Iso7816Apdus.FileNotFound;
    }

    internal ushort Read(int offset, Span<byte> destination)
    {
        if (!_selected)
        {
            return Iso7816Apdus.NoCurrentFile;
        }

        if (offset >= ImageSize)
        {
            return Iso7816Apdus.WrongOffset;
        }

        if (offset + destination.Length > ImageSize)
        {
            return (ushort)(Iso7816Apdus.WrongLengthPrefix | (ImageSize - offset));
        }

        _image.AsSpan(offset, destination.Length).CopyTo(destination);
        return Iso7816Apdus.Ok;
    }

    /// <summary>Updates up to <paramref name="maxBytes"/> of <paramref name="data"/> (fewer models a card pulled out mid-write).</summary>
    internal ushort Update(int offset, ReadOnlySpan<byte> data, int maxBytes = int.MaxValue)
    {
        if (!_selected)
        {
            return Iso7816Apdus.NoCurrentFile;
        }

        if (offset < 0 || offset + data.Length > ImageSize)
        {
            return Iso7816Apdus.WrongOffset;
        }

        // The issuer's header is written at personalisation; its update access condition is "never".
        if (offset < HeaderBytes)
        {
            return Iso7816Apdus.SecurityNotSatisfied;
        }

        if (!IsAuthenticated)
        {
            return Iso7816Apdus.SecurityNotSatisfied;
        }

        data[..Math.Min(maxBytes, data.Length)].CopyTo(_image.AsSpan(offset));
        return Iso7816Apdus.Ok;
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
        if (CryptographicOperations.FixedTimeEquals(cryptogram, CpuCardKey.Cryptogram(_key, challenge)))
        {
            TriesLeft = MaxTries;
            IsAuthenticated = true;
            return Iso7816Apdus.Ok;
        }

        TriesLeft--;
        IsAuthenticated = false;
        return TriesLeft == 0 ? Iso7816Apdus.AuthenticationBlocked : (ushort)(Iso7816Apdus.TriesLeftPrefix | TriesLeft);
    }
}
