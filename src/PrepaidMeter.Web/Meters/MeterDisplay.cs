using System.Globalization;
using System.Text.Json;
using PrepaidMeter.Core;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Web.Meters;

/// <summary>
/// What a virtual meter's LCD shows, as text and lit symbols: the page renders it, the live stream sends it again whenever it
/// changes (so two displays of one state are equal and nothing is sent). Amounts are their own types' text (integer
/// hundredths), never a floating-point number.
/// </summary>
public sealed record MeterDisplay
{
    public required MeterNumber Number { get; init; }

    public required string ModelId { get; init; }

    public required Utility Utility { get; init; }

    public required SupplySwitch Switch { get; init; }

    /// <summary>The remaining credit's number ("12.34"; below zero in overdraft).</summary>
    public required string Credit { get; init; }

    /// <summary>"kWh", "m³" or "money": what <see cref="Credit"/> counts, as the model's credit unit says.</summary>
    public required string CreditUnit { get; init; }

    /// <summary>The cumulative register: energy in kWh, or a water or gas meter's volume in m³.</summary>
    public required string Used { get; init; }

    public required string UsedUnit { get; init; }

    /// <summary>The relay closed, or the valve open: the supply is on.</summary>
    public required bool SupplyOn { get; init; }

    /// <summary>"relay closed", "valve closing", ...</summary>
    public required string Supply { get; init; }

    /// <summary>Why the supply is off, in words ("nothing: the supply is on" while it is on).</summary>
    public required string Why { get; init; }

    /// <summary>The alarm symbol: credit below alarm 1 (or the meter's alarm switched on by a remote command).</summary>
    public required bool Alarm { get; init; }

    /// <summary>"normal", "low", "alarm 2", "overdraft", "exhausted".</summary>
    public required string CreditState { get; init; }

    /// <summary>The last card's event in the meter's words ("User card 20260001: Loaded"); "no card yet" when none is in the ring.</summary>
    public required string LastCard { get; init; }

    /// <summary>When the last card went in (UTC, to the second); empty when none.</summary>
    public required string LastCardAt { get; init; }

    /// <summary>The last card was refused (a bad card, another meter's, out of sequence ...).</summary>
    public required bool LastCardRefused { get; init; }

    /// <summary>The meter's own clock, UTC to the second.</summary>
    public required string Clock { get; init; }

    public required bool Leak { get; init; }

    public required bool Tamper { get; init; }

    /// <summary>A battery at its low or critical level; false for a mains-powered meter.</summary>
    public required bool BatteryLow { get; init; }

    /// <summary>The fields the page's script replaces, by the names the panel's <c>data-field</c> attributes carry.</summary>
    public IReadOnlyDictionary<string, string> Fields => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["credit"] = Credit, ["creditUnit"] = CreditUnit, ["used"] = Used, ["usedUnit"] = UsedUnit, ["supply"] = Supply, ["why"] = Why,
        ["creditState"] = CreditState, ["lastCard"] = LastCard, ["lastCardAt"] = LastCardAt, ["clock"] = Clock,
    };

    /// <summary>The symbols, lit or not, by the names the panel's <c>data-lit</c> attributes carry.</summary>
    public IReadOnlyDictionary<string, bool> Lit => new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["supply"] = SupplyOn, ["alarm"] = Alarm, ["refused"] = LastCardRefused,
        ["leak"] = Leak, ["tamper"] = Tamper, ["battery"] = BatteryLow,
    };

    /// <summary>One event of the live stream: <c>{"fields": {...}, "lit": {...}}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object> { ["fields"] = Fields, ["lit"] = Lit });

    public static MeterDisplay Of(MeterSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var utility = s.Flow?.Utility ?? Utility.Electricity;
        var valve = s.Flow?.Valve;
        var (supplyOn, supply) = valve is { } position
            ? (position.LetsThrough(), "valve " + DisplayWords.Valve(position))
            : (s.Relay == RelayState.Closed, s.Relay == RelayState.Closed ? "relay closed" : "relay open");
        var lastCard = s.Events.LastOrDefault(e => e.Kind == MeterEventKind.CardInserted);
        var used = s.Flow is { } flow ? flow.CumulativeVolume.ToString("F", CultureInfo.InvariantCulture) : s.CumulativeEnergy.ToString("F", CultureInfo.InvariantCulture);
        return new MeterDisplay
        {
            Number = s.MeterNumber,
            ModelId = s.ModelId,
            Utility = utility,
            Switch = valve is null ? SupplySwitch.Relay : SupplySwitch.Valve,
            Credit = DisplayWords.Number(s.Remaining),
            CreditUnit = DisplayWords.Unit(s.Remaining.Unit),
            Used = used,
            UsedUnit = utility.UnitSymbol(),
            SupplyOn = supplyOn,
            Supply = supply,
            Why = supplyOn ? "nothing: the supply is on" : DisplayWords.Why(s.OpenReasons),
            Alarm = s.AlarmOn || s.CreditState != Meter.State.CreditState.Normal,
            CreditState = DisplayWords.Credit(s.CreditState),
            LastCard = lastCard?.Detail ?? "no card yet",
            LastCardAt = lastCard is null ? "" : Moments.Format(lastCard.At),
            LastCardRefused = lastCard?.CardResult is { } result && !result.IsAccepted(),
            Clock = Moments.Format(s.Clock),
            Leak = s.Flow?.Leaking == true,
            Tamper = s.Flow is { } parts && parts.TamperLatched != Meter.Tampering.TamperFlags.None,
            BatteryLow = s.Flow?.Battery is Meter.Batteries.BatteryLevel.Low or Meter.Batteries.BatteryLevel.Critical,
        };
    }
}
