namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// Several DL/T 645 meters on one RS-485 line, as in the field: every request reaches every meter, and only the meter
/// it is addressed to answers (through <see cref="Dlt645Responder"/>); a request for an address no meter on the bus has
/// gets silence. Broadcast time (08H to 999999999999) reaches every meter and is answered by none. Read address (13H)
/// to the wildcard AAAAAAAAAAAA is answered only on a bus of one meter: with several, every meter would answer at
/// once and the replies would collide on the wire, so the bus stays silent instead of sending garbage. Read address to
/// a meter's own address is answered by that meter.
/// </summary>
public sealed class Dlt645Bus
{
    private readonly Dictionary<Dlt645Address, IDlt645Meter> _byAddress;

    private Dlt645Bus(IReadOnlyList<IDlt645Meter> meters, Dictionary<Dlt645Address, IDlt645Meter> byAddress)
    {
        Meters = meters;
        _byAddress = byAddress;
    }

    /// <summary>The meters on the bus, in the order given.</summary>
    public IReadOnlyList<IDlt645Meter> Meters { get; }

    /// <summary>The bus of <paramref name="meters"/>; null with why not when there are none or two share an address.</summary>
    public static Dlt645Bus? TryCreate(IReadOnlyList<IDlt645Meter> meters, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(meters);
        problem = null;
        if (meters.Count == 0)
        {
            problem = "a bus needs at least one meter";
            return null;
        }

        var byAddress = new Dictionary<Dlt645Address, IDlt645Meter>();
        foreach (var meter in meters)
        {
            if (!byAddress.TryAdd(meter.Address, meter))
            {
                problem = $"two meters on the bus answer address {meter.Address}: each meter on a line needs its own";
                return null;
            }
        }

        return new Dlt645Bus(meters, byAddress);
    }

    /// <summary>The one reply the line carries for <paramref name="request"/>, or null for silence.</summary>
    public Dlt645Frame? Respond(Dlt645Frame request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Control.IsReply)
        {
            return null;
        }

        if (request.Control.Function == Dlt645Function.BroadcastTime)
        {
            foreach (var meter in Meters)
            {
                Dlt645Responder.Respond(meter, request); // each takes the time; none answers
            }

            return null;
        }

        if (request.Address.IsWildcard)
        {
            return Meters.Count == 1 ? Dlt645Responder.Respond(Meters[0], request) : null;
        }

        return _byAddress.TryGetValue(request.Address, out var addressed) ? Dlt645Responder.Respond(addressed, request) : null;
    }
}
