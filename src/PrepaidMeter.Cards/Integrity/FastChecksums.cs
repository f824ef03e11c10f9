using System.Buffers.Binary;
using System.Runtime.Intrinsics;

namespace PrepaidMeter.Cards.Integrity;

/// <summary>
/// The checksums of <see cref="PlainChecksums"/>, table-driven and vectorised, and moved by changed bytes
/// instead of computed again (<see cref="UpdateDifference"/>): a meter checks and reseals a card's CRC on
/// every insertion. <see cref="CardIntegrity"/> chooses between the two.
/// </summary>
internal static class FastChecksums
{
    private static readonly ushort[] Crc16ModbusTable = BuildReflected16(0xA001);

    // Slicing-by-8: table k advances a byte through k further zero bytes, so eight bytes are eight independent
    // look-ups instead of a chain of eight.
    private static readonly ushort[] Crc16ModbusSlices = BuildSlices(Crc16ModbusTable, 8);
    private static readonly ushort[] Crc16ModbusZeroBlocks = BuildZeroBlockMaps(21);
    private static readonly ushort[] Crc16CcittTable = BuildCcittFalse();
    private static readonly uint[] Crc32Table = BuildReflected32(0xEDB88320);

    /// <summary>Feeds <paramref name="data"/> into a running checksum, so disjoint ranges can be covered.</summary>
    public static uint Update(ChecksumAlgorithm algorithm, uint state, ReadOnlySpan<byte> data)
    {
        switch (algorithm)
        {
            case ChecksumAlgorithm.Sum8:
                return unchecked(state + SumBytes(data)) & 0xFF;
            case ChecksumAlgorithm.Xor8:
                foreach (var b in data)
                {
                    state ^= b;
                }

                return state;
            case ChecksumAlgorithm.Crc16Modbus:
                return Crc16ModbusUpdate(state, data);
            case ChecksumAlgorithm.Crc16CcittFalse:
                foreach (var b in data)
                {
                    state = ((state << 8) & 0xFFFF) ^ Crc16CcittTable[((state >> 8) ^ b) & 0xFF];
                }

                return state;
            case ChecksumAlgorithm.Crc32:
                foreach (var b in data)
                {
                    state = (state >> 8) ^ Crc32Table[(state ^ b) & 0xFF];
                }

                return state;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm));
        }
    }

    /// <summary>The checksum of one contiguous span.</summary>
    public static uint Compute(ChecksumAlgorithm algorithm, ReadOnlySpan<byte> data) => algorithm == ChecksumAlgorithm.Crc32
        ? System.IO.Hashing.Crc32.HashToUInt32(data) // vectorised; an NVRAM image is kilobytes
        : PlainChecksums.Finish(algorithm, Update(algorithm, PlainChecksums.Initial(algorithm), data));

    /// <summary>
    /// Feeds the change from <paramref name="before"/> to <paramref name="after"/> (same length, the same place in
    /// the covered bytes) into a running difference that starts at 0; <see cref="ApplyDifference"/> then moves a
    /// checksum of the old bytes to the checksum of the new ones. Every algorithm here is linear (the CRCs and XOR
    /// over GF(2), the sum mod 256): the CRC of the old bytes XOR the zero-start CRC of old XOR new is the CRC of
    /// the new bytes, and unchanged runs cost almost nothing.
    /// </summary>
    public static uint UpdateDifference(ChecksumAlgorithm algorithm, uint difference, ReadOnlySpan<byte> before, ReadOnlySpan<byte> after)
    {
        if (before.Length != after.Length)
        {
            throw new ArgumentException("The old and new bytes differ in length.", nameof(after));
        }

        switch (algorithm)
        {
            case ChecksumAlgorithm.Sum8:
                return unchecked(difference + SumBytes(after) - SumBytes(before)) & 0xFF;
            case ChecksumAlgorithm.Crc16Modbus:
                return Crc16ModbusDifference(difference, before, after);
            default:
                // XOR and the other CRCs: their zero-start update over the XOR of the bytes, a chunk at a time.
                Span<byte> chunk = stackalloc byte[64];
                for (var at = 0; at < before.Length; at += chunk.Length)
                {
                    var length = Math.Min(chunk.Length, before.Length - at);
                    for (var i = 0; i < length; i++)
                    {
                        chunk[i] = (byte)(before[at + i] ^ after[at + i]);
                    }

                    difference = Update(algorithm, difference, chunk[..length]);
                }

                return difference;
        }
    }

    /// <summary>The checksum of the new bytes, from <paramref name="stored"/> (the old bytes') and the difference fed since 0.</summary>
    public static uint ApplyDifference(ChecksumAlgorithm algorithm, uint stored, uint difference) =>
        algorithm == ChecksumAlgorithm.Sum8 ? unchecked(stored + difference) & 0xFF : stored ^ difference;

    /// <summary>The plain sum of the bytes, 16 at a time where the hardware allows.</summary>
    private static uint SumBytes(ReadOnlySpan<byte> data)
    {
        unchecked
        {
            uint total = 0;
            var i = 0;
            if (Vector128.IsHardwareAccelerated)
            {
                // Each 16-bit lane gains at most 2 × 255 a step, so flush to 32 bits every 64 steps.
                while (data.Length - i >= 16)
                {
                    var lanes = Vector128<ushort>.Zero;
                    for (var steps = 0; steps < 64 && data.Length - i >= 16; steps++, i += 16)
                    {
                        var (low, high) = Vector128.Widen(Vector128.Create(data.Slice(i, 16)));
                        lanes += low + high;
                    }

                    var (lowSum, highSum) = Vector128.Widen(lanes);
                    total += Vector128.Sum(lowSum + highSum);
                }
            }

            for (; i < data.Length; i++)
            {
                total += data[i];
            }

            return total;
        }
    }

    private static uint Crc16ModbusUpdate(uint state, ReadOnlySpan<byte> data)
    {
        unchecked
        {
            ReadOnlySpan<ushort> t = Crc16ModbusSlices;
            var i = 0;
            for (; i + 8 <= data.Length; i += 8)
            {
                var low = state ^ (uint)(data[i] | (data[i + 1] << 8));
                state = (uint)(t[(7 * 256) + (int)(low & 0xFF)] ^ t[(6 * 256) + (int)((low >> 8) & 0xFF)]
                    ^ t[(5 * 256) + data[i + 2]] ^ t[(4 * 256) + data[i + 3]] ^ t[(3 * 256) + data[i + 4]]
                    ^ t[(2 * 256) + data[i + 5]] ^ t[256 + data[i + 6]] ^ t[data[i + 7]]);
            }

            for (; i < data.Length; i++)
            {
                state = (state >> 8) ^ t[(int)((state ^ data[i]) & 0xFF)];
            }

            return state;
        }
    }

    /// <summary>
    /// The zero-start CRC-16/MODBUS of before XOR after. A run of unchanged bytes is a run of zeros, which moves
    /// the state by a fixed linear map: whole 8-byte blocks of it are skipped with <see cref="Crc16ModbusZeroBlocks"/>
    /// (two look-ups per power of two of blocks), so the cost is the changed blocks', not the covered bytes'.
    /// </summary>
    private static uint Crc16ModbusDifference(uint state, ReadOnlySpan<byte> before, ReadOnlySpan<byte> after)
    {
        unchecked
        {
            ReadOnlySpan<ushort> t = Crc16ModbusSlices;
            var i = 0;
            while (true)
            {
                var unchangedBlocks = before[i..].CommonPrefixLength(after[i..]) / 8;
                state = ShiftZeroBlocks(state, unchangedBlocks);
                i += unchangedBlocks * 8;
                if (i + 8 > before.Length)
                {
                    break;
                }

                var d = BinaryPrimitives.ReadUInt64LittleEndian(before[i..]) ^ BinaryPrimitives.ReadUInt64LittleEndian(after[i..]);
                var low = state ^ (uint)(d & 0xFFFF);
                state = (uint)(t[(7 * 256) + (int)(low & 0xFF)] ^ t[(6 * 256) + (int)((low >> 8) & 0xFF)]
                    ^ t[(5 * 256) + (int)((d >> 16) & 0xFF)] ^ t[(4 * 256) + (int)((d >> 24) & 0xFF)]
                    ^ t[(3 * 256) + (int)((d >> 32) & 0xFF)] ^ t[(2 * 256) + (int)((d >> 40) & 0xFF)]
                    ^ t[256 + (int)((d >> 48) & 0xFF)] ^ t[(int)(d >> 56)]);
                i += 8;
            }

            for (; i < before.Length; i++)
            {
                state = (state >> 8) ^ t[(int)((state ^ before[i] ^ after[i]) & 0xFF)];
            }

            return state;
        }
    }

    /// <summary>The CRC-16/MODBUS state after <paramref name="blocks"/> × 8 zero bytes (a zero state stays zero).</summary>
    private static uint ShiftZeroBlocks(uint state, int blocks)
    {
        ReadOnlySpan<ushort> maps = Crc16ModbusZeroBlocks;
        for (var power = 0; blocks != 0 && state != 0; power++, blocks >>= 1)
        {
            if ((blocks & 1) != 0)
            {
                var map = maps.Slice(power * 512, 512);
                state = (uint)(map[(int)(state & 0xFF)] ^ map[256 + (int)(state >> 8)]);
            }
        }

        if (blocks != 0 && state != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(blocks), "More zero blocks than the maps cover.");
        }

        return state;
    }

    /// <summary>
    /// For each power p, the map of a CRC-16/MODBUS state through 8 × 2^p zero bytes, which is linear: entries 0..255
    /// for the state's low byte, 256..511 for its high byte, XORed together. Powers up to 2^20 blocks (8 MiB).
    /// </summary>
    private static ushort[] BuildZeroBlockMaps(int powers)
    {
        var maps = new ushort[powers * 512];
        ReadOnlySpan<ushort> t = Crc16ModbusTable;
        for (var x = 0; x < 512; x++)
        {
            var state = (uint)(x < 256 ? x : (x - 256) << 8);
            for (var zero = 0; zero < 8; zero++)
            {
                state = (state >> 8) ^ t[(int)(state & 0xFF)];
            }

            maps[x] = (ushort)state;
        }

        for (var p = 1; p < powers; p++)
        {
            var previous = maps.AsSpan((p - 1) * 512, 512);
            for (var x = 0; x < 512; x++)
            {
                // Twice the previous map: through 2^(p-1) blocks, then 2^(p-1) more.
                var once = (uint)previous[x];
                maps[(p * 512) + x] = (ushort)(previous[(int)(once & 0xFF)] ^ previous[256 + (int)(once >> 8)]);
            }
        }

        return maps;
    }

    /// <summary>Tables 0..count-1 back to back: table 0 is <paramref name="first"/>, table k is table k-1 pushed through one more zero byte.</summary>
    private static ushort[] BuildSlices(ushort[] first, int count)
    {
        var tables = new ushort[256 * count];
        first.CopyTo(tables, 0);
        for (var k = 1; k < count; k++)
        {
            for (var i = 0; i < 256; i++)
            {
                var previous = tables[((k - 1) * 256) + i];
                tables[(k * 256) + i] = (ushort)((previous >> 8) ^ first[previous & 0xFF]);
            }
        }

        return tables;
    }

    /// <summary>Table entry i: the plain definition's state after byte i from state 0.</summary>
    private static ushort[] BuildReflected16(ushort polynomial) =>
        [.. Enumerable.Range(0, 256).Select(i => (ushort)PlainChecksums.ReflectedByte(0, (byte)i, polynomial))];

    private static ushort[] BuildCcittFalse() =>
        [.. Enumerable.Range(0, 256).Select(i => (ushort)PlainChecksums.Crc16CcittFalseByte(0, (byte)i))];

    private static uint[] BuildReflected32(uint polynomial) =>
        [.. Enumerable.Range(0, 256).Select(i => PlainChecksums.ReflectedByte(0, (byte)i, polynomial))];
}
