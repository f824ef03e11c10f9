namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// One CJ/T 188 frame as it means: meter type, address, control code and the data field (DI0 DI1 SER and the
/// item's bytes, as on the wire: CJ/T 188 adds no offset to data bytes, unlike DL/T 645's +33H).
/// </summary>
public sealed class Cjt188Frame : IEquatable<Cjt188Frame>
{
    private readonly byte[] _data;

    /// <exception cref="ArgumentException">More data than this tool lets a frame carry (<see cref="Cjt188Codec.MaxData"/>).</exception>
    public Cjt188Frame(Cjt188MeterType meterType, Cjt188Address address, Cjt188Control control, ReadOnlySpan<byte> data)
    {
        if (data.Length > Cjt188Codec.MaxData)
        {
            throw new ArgumentException($"A CJ/T 188 frame carries at most {Cjt188Codec.MaxData} data bytes here, not {data.Length}.", nameof(data));
        }

        MeterType = meterType;
        Address = address;
        Control = control;
        _data = data.ToArray();
    }

    public Cjt188MeterType MeterType { get; }

    public Cjt188Address Address { get; }

    public Cjt188Control Control { get; }

    public ReadOnlySpan<byte> Data => _data;

    public bool Equals(Cjt188Frame? other) =>
        other is not null && MeterType == other.MeterType && Address == other.Address && Control == other.Control && _data.AsSpan().SequenceEqual(other._data);

    public override bool Equals(object? obj) => Equals(obj as Cjt188Frame);

    public override int GetHashCode() => HashCode.Combine(MeterType, Address, Control, _data.Length);

    public override string ToString() => $"{MeterType} {Address} {Control} [{Convert.ToHexString(_data)}]";
}
