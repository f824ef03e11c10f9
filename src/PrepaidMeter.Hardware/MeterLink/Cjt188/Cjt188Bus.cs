namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// Several CJ/T 188 meters on one line (an M-Bus or RS-485 bus of water or gas meters): every request reaches every
/// meter and only the meter at its address answers (through <see cref="Cjt188Responder"/>, which also checks the meter
/// type T); a request for an address no meter on the bus has gets silence. Read address (03H) to the all-AAH address is
/// answered only on a bus of one meter: with several, every meter would answer at once and the replies would collide.
/// </summary>
public sealed class Cjt188Bus
{
    private readonly Dictionary<Cjt188Address, ICjt188Meter> _byAddress;

    private Cjt188Bus(IReadOnlyList<ICjt188Meter> meters, Dictionary<Cjt188Address, ICjt188Meter> byAddress)
    {
        Meters = meters;
        _byAddress = byAddress;
    }

    /// <summary>The meters on the bus, in the order given.</summary>
    public IReadOnlyList<ICjt188Meter> Meters { get; }

    /// <summary>The bus of <paramref name="meters"/>; null with why not when there are none or two share an address.</summary>
    public static Cjt188Bus? TryCreate(IReadOnlyList<ICjt188Meter> meters, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(meters);
        problem = null;
        if (meters.Count == 0)
        {
            problem = "a bus needs at least one meter";
            return null;
        }

        var byAddress = new Dictionary<Cjt188Address, ICjt188Meter>();
        foreach (var meter in meters)
        {
            if (!byAddress.TryAdd(meter.Address, meter))
            {
                problem = $"two meters on the bus answer address {meter.Address}: each meter on a line needs its own";
                return null;
            }
        }

        return new Cjt188Bus(meters, byAddress);
    }

    /// <summary>The one reply the line carries for <paramref name="request"/>, or null for silence.</summary>
    public Cjt188Frame? Respond(Cjt188Frame request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Address.IsWildcard)
        {
            return Meters.Count == 1 ? Cjt188Responder.Respond(Meters[0], request) : null;
        }

        return _byAddress.TryGetValue(request.Address, out var addressed) ? Cjt188Responder.Respond(addressed, request) : null;
    }
}
