namespace PrepaidMeter.Tokens.Ciphers;

/// <summary>
/// The MISTY1 block cipher (64-bit block, 128-bit key, 8 rounds) as RFC 2994 describes it: the cipher IEC 62055-41 names as
/// STS encryption algorithm EA11.
/// </summary>
/// <remarks>
/// <para>
/// The code follows the RFC's own structure and names, so that it can be read side by side with it: the key scheduling
/// part (section 2.2) expands the key <c>K</c> into <c>EK</c>; the data randomizing part (section 2.3) is built from
/// FO, FI, FL and FLINV. FO is a small three-round Feistel network of FIs, and FI is in turn a three-round network of the
/// S-boxes S9 and S7 (<see cref="Misty1SBoxes"/>). The 64-bit block is two 32-bit halves, D0 and D1, which take FO in turn
/// for 8 rounds; FL (a key-dependent linear mixing of a half) is applied to both halves every other round and at the end.
/// </para>
/// <para>
/// The RFC draws the block as one 64-bit integer with the first byte most significant, exactly as
/// <see cref="IBlockCipher64"/> does, so its <c>D0 = P &gt;&gt; 32</c> and <c>C = (D1 &lt;&lt; 32) | D0</c> carry over
/// unchanged. The key schedule runs once, in the constructor; a block then costs no allocation.
/// </para>
/// </remarks>
public sealed class Misty1 : IBlockCipher64
{
    /// <summary>The key length MISTY1 takes: 16 bytes (128 bits).</summary>
    public const int KeyLength = 16;

    // EK[0..7] are the key itself as eight 16-bit words, EK[8..15] the words FI derives from them (RFC 2994 section 2.2).
    // The RFC also lists EK[16..31], the low 9 and high 7 bits of EK[8..15]; they are only FI's way of splitting its key,
    // which FI below does itself, so they are not stored.
    private readonly ushort[] _ek = new ushort[16];

    /// <summary>Runs MISTY1's key schedule for a 16-byte key.</summary>
    /// <exception cref="ArgumentException">The key is not 16 bytes long.</exception>
    public Misty1(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"A MISTY1 key is {KeyLength} bytes long; this one is {key.Length}.", nameof(key));
        }

        // EK[i] = K[i*2]*256 + K[i*2+1]: the key read as big-endian 16-bit words.
        for (var i = 0; i < 8; i++)
        {
            _ek[i] = (ushort)((key[i * 2] << 8) | key[(i * 2) + 1]);
        }

        // EK[i+8] = FI(EK[i], EK[(i+1)%8]): each word mixed under its neighbour, so every round key depends on two key words.
        for (var i = 0; i < 8; i++)
        {
            _ek[i + 8] = (ushort)FI(_ek[i], _ek[(i + 1) % 8]);
        }
    }

    /// <inheritdoc />
    public ulong Encrypt(ulong block)
    {
        // The plaintext's left half is D0, its right half D1.
        var d0 = (uint)(block >> 32);
        var d1 = unchecked((uint)block);

        // Rounds 0 to 7 in pairs: FL on both halves before each even round, then FO feeds each half into the other.
        for (var round = 0; round < 8; round += 2)
        {
            d0 = FL(d0, round);
            d1 = FL(d1, round + 1);
            d1 ^= FO(d0, round);
            d0 ^= FO(d1, round + 1);
        }

        // The final FL layer, with FL's key indices 8 and 9.
        d0 = FL(d0, 8);
        d1 = FL(d1, 9);

        // C = (D1 << 32) | D0: the halves leave in the opposite order to the one they came in.
        return ((ulong)d1 << 32) | d0;
    }

    /// <inheritdoc />
    public ulong Decrypt(ulong block)
    {
        // Decryption is encryption run backwards (RFC 2994 section 2.3): the swap undone, FLINV for FL, FOs in reverse order.
        var d0 = unchecked((uint)block);
        var d1 = (uint)(block >> 32);

        d0 = FLINV(d0, 8);
        d1 = FLINV(d1, 9);

        for (var round = 6; round >= 0; round -= 2)
        {
            d0 ^= FO(d1, round + 1);
            d1 ^= FO(d0, round);
            d0 = FLINV(d0, round);
            d1 = FLINV(d1, round + 1);
        }

        return ((ulong)d0 << 32) | d1;
    }

    /// <summary>
    /// FO: the round function, a 32-bit half in and out. Three FI calls in a small Feistel network over the half's two
    /// 16-bit words t0 and t1, each under key word EK[..] XORed in before and key word EK[..+8] inside FI.
    /// </summary>
    /// <param name="foIn">FO_IN, the 32-bit input.</param>
    /// <param name="k">The round, 0 to 7, which picks the key words.</param>
    private uint FO(uint foIn, int k)
    {
        var t0 = foIn >> 16;
        var t1 = foIn & 0xffff;

        t0 ^= _ek[k];
        t0 = FI(t0, _ek[((k + 5) % 8) + 8]);
        t0 ^= t1;

        t1 ^= _ek[(k + 2) % 8];
        t1 = FI(t1, _ek[((k + 1) % 8) + 8]);
        t1 ^= t0;

        t0 ^= _ek[(k + 7) % 8];
        t0 = FI(t0, _ek[((k + 3) % 8) + 8]);
        t0 ^= t1;

        t1 ^= _ek[(k + 4) % 8];

        return (t1 << 16) | t0;
    }

    /// <summary>
    /// FI: 16 bits in and out, split unevenly into a 9-bit d9 and a 7-bit d7 so that S9 and S7 can alternate. The key's
    /// high 7 bits go into d7 and its low 9 bits into d9 (the RFC's EK[i+24] and EK[i+16]).
    /// </summary>
    /// <param name="fiIn">FI_IN, a 16-bit value.</param>
    /// <param name="fiKey">FI_KEY, a 16-bit key word.</param>
    private static uint FI(uint fiIn, uint fiKey)
    {
        var d9 = fiIn >> 7;
        var d7 = fiIn & 0x7f;

        d9 = Misty1SBoxes.S9[(int)d9] ^ d7;
        d7 = Misty1SBoxes.S7[(int)d7] ^ d9;
        // The RFC prints this mask in parentheses, but it is needed: d9 is 9 bits wide, so the line above can leave bits 7
        // and 8 set in d7, which would then leak into d9 below and past bit 15 of FI_OUT.
        d7 &= 0x7f;

        d7 ^= fiKey >> 9;
        d9 ^= fiKey & 0x1ff;
        d9 = Misty1SBoxes.S9[(int)d9] ^ d7;

        return (d7 << 9) | d9;
    }

    /// <summary>
    /// FL: a key-dependent linear mix of a 32-bit half's two 16-bit words, d0 and d1 (an AND into d1, then an OR into d0).
    /// Even and odd <paramref name="k"/> take their two key words from different places in EK.
    /// </summary>
    /// <param name="flIn">FL_IN, the 32-bit input.</param>
    /// <param name="k">0 to 9: 2r and 2r + 1 for the two halves before round 2r, 8 and 9 for the final layer.</param>
    private uint FL(uint flIn, int k)
    {
        var d0 = flIn >> 16;
        var d1 = flIn & 0xffff;

        if (k % 2 == 0)
        {
            d1 ^= d0 & _ek[k / 2];
            d0 ^= d1 | _ek[(((k / 2) + 6) % 8) + 8];
        }
        else
        {
            d1 ^= d0 & _ek[((((k - 1) / 2) + 2) % 8) + 8];
            d0 ^= d1 | _ek[(((k - 1) / 2) + 4) % 8];
        }

        return (d0 << 16) | d1;
    }

    /// <summary>
    /// FLINV: the inverse of <see cref="FL"/>, the same two steps with the same key words in the opposite order. Each step
    /// XORs into one word a value made only from the other word, so undoing it is doing it again.
    /// </summary>
    private uint FLINV(uint flIn, int k)
    {
        var d0 = flIn >> 16;
        var d1 = flIn & 0xffff;

        if (k % 2 == 0)
        {
            d0 ^= d1 | _ek[(((k / 2) + 6) % 8) + 8];
            d1 ^= d0 & _ek[k / 2];
        }
        else
        {
            d0 ^= d1 | _ek[(((k - 1) / 2) + 4) % 8];
            d1 ^= d0 & _ek[((((k - 1) / 2) + 2) % 8) + 8];
        }

        return (d0 << 16) | d1;
    }
}
