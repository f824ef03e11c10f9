namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// What a data identifier holds: its length in bytes and its BCD format (XXXXXX.XX is 4 bytes with 2
/// decimals), low byte first on the wire. Values travel as integers in the last place: hundredths of a kWh
/// or of the currency for two decimals, a count for none. A status word (<paramref name="Bits"/>) is a
/// plain binary bit field, low byte first, not BCD.
/// </summary>
public sealed record Dlt645Item(DataIdentifier Id, string Name, int Length, int Decimals, string Unit, bool Writable, bool Bits = false)
{
    /// <summary>The largest value the field holds, in its last place.</summary>
    public long Max => Bits ? (1L << (8 * Length)) - 1 : Scale(2 * Length) - 1;

    /// <summary>10 to the power <paramref name="digits"/>, in integers: values are counts and hundredths, never floats.</summary>
    public static long Scale(int digits)
    {
        long scale = 1;
        for (var i = 0; i < digits; i++)
        {
            scale *= 10;
        }

        return scale;
    }

    public string Format => Decimals == 0 ? new string('X', 2 * Length) : $"{new string('X', (2 * Length) - Decimals)}.{new string('X', Decimals)}";

    /// <summary>BCD, low byte first; false when the value is negative or has more digits than the field.</summary>
    public bool TryEncode(long value, Span<byte> destination)
    {
        if (value < 0 || value > Max || destination.Length < Length)
        {
            return false;
        }

        if (Bits)
        {
            for (var i = 0; i < Length; i++)
            {
                destination[i] = (byte)((value >> (8 * i)) & 0xFF);
            }

            return true;
        }

        Bcd.WriteLittleEndian((ulong)value, destination[..Length]);
        return true;
    }

    /// <summary>The value of <see cref="Length"/> BCD bytes, low byte first; null when a nibble is over 9.</summary>
    public long? Decode(ReadOnlySpan<byte> wire)
    {
        if (wire.Length < Length)
        {
            return null;
        }

        if (Bits)
        {
            long bits = 0;
            for (var i = Length - 1; i >= 0; i--)
            {
                bits = (bits << 8) | wire[i];
            }

            return bits;
        }

        return Bcd.TryReadLittleEndian(wire[..Length], out var value) ? (long)value : null;
    }
}

/// <summary>
/// The data identifiers a prepaid meter answers (DESIGN.md §7, docs/dlt645.md): total energy, the
/// prepaid registers and the prepaid parameters a master may write.
/// </summary>
public static class PrepaidItems
{
    public static Dlt645Item TotalEnergy { get; } = new(new(0x00000000), "combined active energy, total", 4, 2, "kWh", false);

    public static Dlt645Item RemainingEnergy { get; } = new(new(0x00900100), "remaining energy", 4, 2, "kWh", false);

    public static Dlt645Item OverdraftEnergy { get; } = new(new(0x00900101), "overdraft energy in use", 4, 2, "kWh", false);

    public static Dlt645Item RemainingAmount { get; } = new(new(0x00900200), "remaining amount", 4, 2, "currency", false);

    public static Dlt645Item OverdraftAmount { get; } = new(new(0x00900201), "overdraft amount in use", 4, 2, "currency", false);

    public static Dlt645Item PurchaseCount { get; } = new(new(0x03330201), "purchase count", 2, 0, "", false);

    public static Dlt645Item Alarm1 { get; } = new(new(0x04001001), "alarm level 1", 4, 2, "credit unit", true);

    public static Dlt645Item Alarm2 { get; } = new(new(0x04001002), "alarm level 2", 4, 2, "credit unit", true);

    public static Dlt645Item OverdraftLimit { get; } = new(new(0x04001003), "overdraft limit", 4, 2, "credit unit", true);

    public static Dlt645Item HoardingLimit { get; } = new(new(0x04001004), "hoarding (purchase) limit", 4, 2, "credit unit", true);

    /// <summary>Meter run status word 3 (电表运行状态字3): the relay, the pre-trip alarm, the prepaid kind — see <see cref="RunStatus3"/>.</summary>
    public static Dlt645Item RunStatus3 { get; } = new(new(0x04000503), "meter run status word 3", 2, 0, "", false, Bits: true);

    /// <summary>The meter's date and day of the week (日期及星期), YYMMDDWW, WW 0 for Sunday: see <see cref="Dlt645Clock"/>.</summary>
    public static Dlt645Item Date { get; } = new(new(0x04000101), "date and week", 4, 0, "", false);

    /// <summary>The meter's time of day (时间), hhmmss: see <see cref="Dlt645Clock"/>.</summary>
    public static Dlt645Item Time { get; } = new(new(0x04000102), "time", 3, 0, "", false);

    public static IReadOnlyList<Dlt645Item> All { get; } =
        [TotalEnergy, RemainingEnergy, OverdraftEnergy, RemainingAmount, OverdraftAmount, PurchaseCount, Alarm1, Alarm2, OverdraftLimit, HoardingLimit, RunStatus3, Date, Time];

    public static Dlt645Item? Find(DataIdentifier id) => All.FirstOrDefault(i => i.Id == id);
}
