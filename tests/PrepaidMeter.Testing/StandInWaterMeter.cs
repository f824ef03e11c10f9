using PrepaidMeter.Hardware.MeterLink.Cjt188;

namespace PrepaidMeter.Testing;

/// <summary>
/// A cold-water meter behind the CJ/T 188 responder, for link tests, until the virtual water meter exists:
/// 1234.56 m³ now, 1200.00 m³ at the settlement date, a fixed clock, a valve that moves unless told it is stuck.
/// Remembers the valve commands it was given. Shared by the Hardware link tests and the CLI tests of `link cjt188`.
/// </summary>
public sealed class StandInWaterMeter(Cjt188Address address) : ICjt188Meter
{
    public static readonly DateTimeOffset Clock = new(2026, 12, 6, 8, 0, 5, TimeSpan.Zero);

    public Cjt188Address Address { get; } = address;

    public Cjt188MeterType MeterType => Cjt188MeterType.ColdWater;

    public Cjt188Volume Current { get; set; } = Cjt188Volume.From(123_456, Cjt188Unit.CubicMetre);

    public Cjt188ValveState Valve { get; private set; } = Cjt188ValveState.Open;

    public bool BatteryLow { get; set; }

    /// <summary>When set, valve commands leave the valve abnormal, as a seized valve does.</summary>
    public bool ValveStuck { get; set; }

    public List<Cjt188ValveCommand> Commands { get; } = [];

    public Cjt188Status Status => Cjt188Status.Of(Valve, BatteryLow);

    public Cjt188MeteringData MeteringData => new(Current, Cjt188Volume.From(120_000, Cjt188Unit.CubicMetre), Clock, Status);

    public Cjt188Value Read(Cjt188DataIdentifier id) =>
        Cjt188DataIdentifier.MeteringData.Matches(id) ? Cjt188Value.Of(MeteringData.ToBytes()) : Cjt188Value.NoSuchItem;

    public Cjt188Status WriteValve(Cjt188ValveCommand command)
    {
        Commands.Add(command);
        Valve = ValveStuck ? Cjt188ValveState.Abnormal : command == Cjt188ValveCommand.Open ? Cjt188ValveState.Open : Cjt188ValveState.Closed;
        return Status;
    }
}
