namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// The ISO 7816-4 commands a CPU card's image needs (DESIGN.md §4): SELECT by file identifier, READ BINARY,
/// UPDATE BINARY, GET CHALLENGE and EXTERNAL AUTHENTICATE, with their status words. Built here for the
/// reader, answered here for the virtual card, so both ends agree.
/// </summary>
public static class Iso7816Apdus
{
    public const byte UpdateBinaryIns = 0xD6;

    public const ushort Ok = 0x9000;
    public const ushort TriesLeftPrefix = 0x63C0;
    public const ushort WrongLength = 0x6700;
    public const ushort SecurityNotSatisfied = 0x6982;
    public const ushort AuthenticationBlocked = 0x6983;
    public const ushort ConditionsNotSatisfied = 0x6985;
    public const ushort NoCurrentFile = 0x6986;
    public const ushort FileNotFound = 0x6A82;
    public const ushort WrongOffset = 0x6B00;
    public const ushort WrongLengthPrefix = 0x6C00;
    public const ushort InstructionNotSupported = 0x6D00;
    public const ushort ClassNotSupported = 0x6E00;

    /// <summary>SELECT the elementary file <paramref name="fileId"/>, no FCI wanted (P2 = 0C).</summary>
    public static byte[] Select(ushort fileId) => [0x00, 0xA4, 0x00, 0x0C, 0x02, (byte)(fileId >> 8), (byte)(fileId & 0xFF)];

    /// <summary>READ BINARY of <paramref name="length"/> (1..256) bytes at <paramref name="offset"/> (below 32768).</summary>
    public static byte[] ReadBinary(int offset, int length) => [0x00, 0xB0, (byte)(offset >> 8), (byte)(offset & 0xFF), (byte)(length & 0xFF)];

    public static byte[] UpdateBinary(int offset, ReadOnlySpan<byte> data) => [0x00, UpdateBinaryIns, (byte)(offset >> 8), (byte)(offset & 0xFF), (byte)data.Length, .. data];

    public static byte[] GetChallenge() => [0x00, 0x84, 0x00, 0x00, CpuCardKey.ChallengeSize];

    public static byte[] ExternalAuthenticate(ReadOnlySpan<byte> cryptogram) => [0x00, 0x82, 0x00, 0x01, (byte)cryptogram.Length, .. cryptogram];

    /// <summary>The status word at the end of a response.</summary>
    public static ushort StatusOf(ReadOnlySpan<byte> response) =>
        response.Length < 2 ? (ushort)0 : (ushort)((response[^2] << 8) | response[^1]);

    /// <summary>The card's answer to <paramref name="command"/>.</summary>
    public static byte[] Respond(CpuCard card, ReadOnlySpan<byte> command)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (command.Length < 4)
        {
            return Sw(WrongLength);
        }

        if (command[0] != 0x00)
        {
            return Sw(ClassNotSupported);
        }

        var (ins, p1, p2) = (command[1], command[2], command[3]);
        var body = command[4..];
        var offset = ((p1 & 0x7F) << 8) | p2;
        switch (ins)
        {
            case 0xA4 when body is [2, var high, var low]:
                return Sw(card.Select((ushort)((high << 8) | low)));
            case 0xB0 when body.Length == 1:
                var data = new byte[body[0] == 0 ? 256 : body[0]];
                var read = card.Read(offset, data);
                return read == Ok ? [.. data, 0x90, 0x00] : Sw(read);
            case UpdateBinaryIns when body.Length >= 2 && body.Length == 1 + body[0]:
                return Sw(card.Update(offset, body[1..]));
            case 0x84 when body.Length == 1 && body[0] == CpuCardKey.ChallengeSize:
                return [.. card.GetChallenge(), 0x90, 0x00];
            case 0x82 when body.Length == 1 + CpuCardKey.ChallengeSize && body[0] == CpuCardKey.ChallengeSize:
                return Sw(card.ExternalAuthenticate(body[1..]));
            case 0xA4 or 0xB0 or UpdateBinaryIns or 0x84 or 0x82:
                return Sw(WrongLength);
            default:
                return Sw(InstructionNotSupported);
        }
    }

    private static byte[] Sw(ushort status) => [(byte)(status >> 8), (byte)(status & 0xFF)];
}
