using System.Buffers.Binary;
using System.Globalization;

namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// A DL/T 645-2007 data identifier (数据标识): four bytes DI3 DI2 DI1 DI0, written as eight hex digits
/// with DI3 first ("00900200", remaining amount) and sent DI0 first.
/// </summary>
public readonly record struct DataIdentifier(uint Value)
{
    public const int Length = 4;

    public static bool TryParse(string? text, out DataIdentifier identifier)
    {
        identifier = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length != 8 || !uint.TryParse(trimmed, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        identifier = new(value);
        return true;
    }

    public void WriteTo(Span<byte> destination) => BinaryPrimitives.WriteUInt32LittleEndian(destination, Value);

    public static DataIdentifier Read(ReadOnlySpan<byte> wire) => new(BinaryPrimitives.ReadUInt32LittleEndian(wire));

    public override string ToString() => Value.ToString("X8", CultureInfo.InvariantCulture);
}
