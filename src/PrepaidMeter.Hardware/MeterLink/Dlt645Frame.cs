namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// One DL/T 645-2007 frame as it means: address, control code and the data field in plain bytes (the
/// codec adds and removes the +33H of the wire). Data identifiers and values inside the data field are
/// low byte first, as on the wire.
/// </summary>
public sealed class Dlt645Frame : IEquatable<Dlt645Frame>
{
    private readonly byte[] _data;

    /// <exception cref="ArgumentException">More data than a frame carries (<see cref="Dlt645Codec.MaxData"/>).</exception>
    public Dlt645Frame(Dlt645Address address, Dlt645Control control, ReadOnlySpan<byte> data)
    {
        if (data.Length > Dlt645Codec.MaxData)
        {
            throw new ArgumentException($"A DL/T 645 frame carries at most {Dlt645Codec.MaxData} data bytes, not {data.Length}.", nameof(data));
        }

        Address = address;
        Control = control;
        _data = data.ToArray();
    }

    public Dlt645Address Address { get; }

    public Dlt645Control Control { get; }

    public ReadOnlySpan<byte> Data => _data;

    public bool Equals(Dlt645Frame? other) =>
        other is not null && Address == other.Address && Control == other.Control && _data.AsSpan().SequenceEqual(other._data);

    public override bool Equals(object? obj) => Equals(obj as Dlt645Frame);

    public override int GetHashCode() => HashCode.Combine(Address, Control, _data.Length);

    public override string ToString() => $"{Address} {Control} [{Convert.ToHexString(_data)}]";
}
