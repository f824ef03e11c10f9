namespace PrepaidMeter.Cards.Integrity;

/// <summary>
/// The card checksums as their definitions: a running state that starts at <see cref="Initial"/>, takes each
/// covered byte in turn (<see cref="Update"/>) and ends with <see cref="Finish"/>. A layout's checksum covers one
/// or more byte ranges, fed in order; the result is stored in its field (big or little endian, as the layout says).
/// <see cref="FastChecksums"/> computes the same with tables; <see cref="CardIntegrity"/> chooses.
/// </summary>
internal static class PlainChecksums
{
    /// <summary>Bytes the checksum takes in its field.</summary>
    public static int LengthOf(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Sum8 or ChecksumAlgorithm.Xor8 => 1,
        ChecksumAlgorithm.Crc16Modbus or ChecksumAlgorithm.Crc16CcittFalse => 2,
        ChecksumAlgorithm.Crc32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static uint Initial(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Sum8 or ChecksumAlgorithm.Xor8 => 0,
        ChecksumAlgorithm.Crc16Modbus or ChecksumAlgorithm.Crc16CcittFalse => 0xFFFF,
        ChecksumAlgorithm.Crc32 => 0xFFFFFFFF,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static uint Update(ChecksumAlgorithm algorithm, uint state, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            state = algorithm switch
            {
                ChecksumAlgorithm.Sum8 => (state + b) & 0xFF,
                ChecksumAlgorithm.Xor8 => state ^ b,
                ChecksumAlgorithm.Crc16Modbus => ReflectedByte(state, b, 0xA001),
                ChecksumAlgorithm.Crc16CcittFalse => Crc16CcittFalseByte(state, b),
                ChecksumAlgorithm.Crc32 => ReflectedByte(state, b, 0xEDB88320),
                _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
            };
        }

        return state;
    }

    /// <summary>CRC-32 ends by inverting its state; the others are their state.</summary>
    public static uint Finish(ChecksumAlgorithm algorithm, uint state) =>
        algorithm == ChecksumAlgorithm.Crc32 ? ~state : state;

    public static uint Compute(ChecksumAlgorithm algorithm, ReadOnlySpan<byte> data) =>
        Finish(algorithm, Update(algorithm, Initial(algorithm), data));

    /// <summary>
    /// A reflected CRC (CRC-16/MODBUS, CRC-32) takes the byte into its low bits, then for each of the 8 bits shifts
    /// right and, when a 1 fell out, XORs in the reversed polynomial (0xA001 for 0x8005, 0xEDB88320 for 0x04C11DB7).
    /// </summary>
    internal static uint ReflectedByte(uint state, byte b, uint reversedPolynomial)
    {
        state ^= b;
        for (var bit = 0; bit < 8; bit++)
        {
            state = (state & 1) != 0 ? (state >> 1) ^ reversedPolynomial : state >> 1;
        }

        return state;
    }

    /// <summary>CRC-16/CCITT-FALSE is not reflected: the byte enters the high bits and the state shifts left through 0x1021.</summary>
    internal static uint Crc16CcittFalseByte(uint state, byte b)
    {
        state ^= (uint)b << 8;
        for (var bit = 0; bit < 8; bit++)
        {
            state = (state & 0x8000) != 0 ? ((state << 1) ^ 0x1021) & 0xFFFF : (state << 1) & 0xFFFF;
        }

        return state;
    }
}
