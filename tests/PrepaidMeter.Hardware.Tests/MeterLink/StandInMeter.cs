using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Hardware.Tests.MeterLink;

/// <summary>A meter's registers behind the DL/T 645 responder, for link tests; remembers what it was told.</summary>
internal sealed class StandInMeter(Dlt645Address address) : IDlt645Meter
{
    public static readonly byte[] Password = [0x02, 0x11, 0x22, 0x33, 0x00, 0x00, 0x00, 0x01];

    private readonly Dictionary<DataIdentifier, long> _values = new()
    {
        [PrepaidItems.RemainingAmount.Id] = 1_234_567,
        [PrepaidItems.PurchaseCount.Id] = 42,
        [PrepaidItems.Alarm1.Id] = 2_000,
    };

    public Dlt645Address Address { get; } = address;

    public List<Dlt645ControlCommand> Commands { get; } = [];

    public DateTimeOffset? Time { get; private set; }

    public long ValueOf(Dlt645Item item) => _values[item.Id];

    /// <summary>Gives the meter a register it answers from now on.</summary>
    public StandInMeter With(Dlt645Item item, long value)
    {
        _values[item.Id] = value;
        return this;
    }

    /// <summary>Reads asked of this meter, in order.</summary>
    public List<DataIdentifier> Reads { get; } = [];

    public Dlt645Value Read(DataIdentifier id)
    {
        Reads.Add(id);
        if (PrepaidItems.Find(id) is not { } item || !_values.TryGetValue(id, out var value))
        {
            return Dlt645Value.Refused(Dlt645Errors.NoSuchData);
        }

        var bytes = new byte[item.Length];
        item.TryEncode(value, bytes);
        return Dlt645Value.Of(bytes);
    }

    public Dlt645Errors Write(DataIdentifier id, ReadOnlySpan<byte> authority, ReadOnlySpan<byte> value)
    {
        if (!authority.SequenceEqual(Password))
        {
            return Dlt645Errors.Unauthorised;
        }

        if (PrepaidItems.Find(id) is not { Writable: true } item || item.Decode(value) is not { } decoded)
        {
            return Dlt645Errors.NoSuchData;
        }

        _values[id] = decoded;
        return Dlt645Errors.None;
    }

    public Dlt645Errors Control(Dlt645ControlCommand command, ReadOnlySpan<byte> authority, DateTimeOffset validUntil)
    {
        if (!authority.SequenceEqual(Password))
        {
            return Dlt645Errors.Unauthorised;
        }

        Commands.Add(command);
        return Dlt645Errors.None;
    }

    public void SetTime(DateTimeOffset time) => Time = time;
}
