using System.Globalization;
using PrepaidMeter.Core;

namespace PrepaidMeter.Meter.Batteries;

/// <summary>
/// The battery of a water or gas meter (rules B1–B4, docs/water-gas.md). Its voltage falls with time (B1, evenly,
/// to the microvolt, what is below a microvolt carried) and with each run of the valve's motor; it reports the low and
/// critical levels at the second they are reached (B2, B3) and a fresh battery (B4). Time moves in whole seconds,
/// only through <see cref="Advance"/>; what a level means for the valve is the meter's to apply.
/// </summary>
public sealed class Battery
{
    private const long SecondsPerDay = 86_400;
    private readonly BatteryRule _rule;

    // What a call reports, gathered in one list kept for the next call: a meter advances its battery at every step of its
    // year, and most steps report nothing, so they allocate nothing.
    private readonly List<BatteryEvent> _told = [];
    private long _microvolts;

    /// <summary>Microvolts per day × seconds not yet taken off: under a microvolt.</summary>
    private long _carry;

    /// <summary>The worst level reported since the battery was fitted: each level is told once.</summary>
    private BatteryLevel _reported = BatteryLevel.Normal;

    /// <param name="start">The clock when the (fresh) battery is fitted; whole seconds.</param>
    public Battery(BatteryRule rule, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(rule);
        WholeSeconds.RequireWhole(start, nameof(start));

        (_rule, Clock) = (rule, start);
        _microvolts = checked(rule.FreshMillivolts * 1000L);
    }

    public DateTimeOffset Clock { get; private set; }

    /// <summary>The voltage, in whole millivolts (what a meter displays and CJ/T 188's status reports against).</summary>
    public int Millivolts => (int)(_microvolts / 1000);

    public long Microvolts => _microvolts;

    public BatteryLevel Level => LevelOf(_microvolts);

    /// <summary>Lets <paramref name="duration"/> (whole seconds; a fraction is dropped) pass (B1–B3).</summary>
    public IReadOnlyList<BatteryEvent> Advance(TimeSpan duration)
    {
        var end = WholeSeconds.After(Clock, duration);
        var events = _told;
        while (Clock < end)
        {
            var stepEnd = WholeSeconds.Min(end, NextLevelCrossing() ?? end);
            var seconds = WholeSeconds.Between(Clock, stepEnd);
            // Microvolts a day × seconds owed: whole microvolts come off, what is under one is carried.
            var owed = checked(_carry + (_rule.MicrovoltsPerDay * seconds));
            _microvolts = Math.Max(0, _microvolts - (owed / SecondsPerDay));
            _carry = owed % SecondsPerDay;
            Clock = stepEnd;
            Report(events);
        }

        return _told.Drain();
    }

    /// <summary>The valve's motor ran once, now (B1): the voltage drops by the rule's step; a level reached is reported.</summary>
    public IReadOnlyList<BatteryEvent> MotorRan()
    {
        _microvolts = Math.Max(0, _microvolts - _rule.MicrovoltsPerMotorRun);
        Report(_told);
        return _told.Drain();
    }

    /// <summary>A fresh battery is fitted, now (B4): full voltage, every level cleared.</summary>
    public BatteryEvent Change()
    {
        var old = Millivolts;
        (_microvolts, _carry) = (_rule.FreshMillivolts * 1000L, 0);
        _reported = BatteryLevel.Normal;
        return new(Clock, BatteryEventKind.Changed, string.Create(CultureInfo.InvariantCulture, $"{old} mV → {Millivolts} mV"));
    }

    /// <summary>When the even drain next reaches a level (B2, B3), so the meter can stop there; null when it never will.</summary>
    public DateTimeOffset? NextLevelAt => NextLevelCrossing();

    /// <summary>Everything the battery is, for the meter's NVRAM (rule N1).</summary>
    internal BatteryMemory Save() => new(Clock, _microvolts, _carry, _reported);

    internal static Battery Restore(BatteryRule rule, BatteryMemory memory) =>
        new(rule, memory.Clock) { _microvolts = memory.Microvolts, _carry = memory.Carry, _reported = memory.Reported };

    // Each level is reported once, when first reached (a motor run can pass both at once: low, then critical).
    private void Report(List<BatteryEvent> events)
    {
        var level = Level;
        if (level >= BatteryLevel.Low && _reported < BatteryLevel.Low)
        {
            events.Add(new(Clock, BatteryEventKind.Low, string.Create(CultureInfo.InvariantCulture, $"{Millivolts} mV, at or under the low level {_rule.LowMillivolts} mV")));
        }

        if (level == BatteryLevel.Critical && _reported < BatteryLevel.Critical)
        {
            events.Add(new(Clock, BatteryEventKind.Critical, string.Create(CultureInfo.InvariantCulture, $"{Millivolts} mV, at or under the critical level {_rule.CriticalMillivolts} mV")));
        }

        _reported = level > _reported ? level : _reported;
    }

    // B2/B3 at their exact second: the first whole second at which the even drain has brought the voltage to the next level.
    private DateTimeOffset? NextLevelCrossing()
    {
        if (_rule.MicrovoltsPerDay == 0 || Level == BatteryLevel.Critical)
        {
            return null;
        }

        var target = (Level == BatteryLevel.Normal ? _rule.LowMillivolts : _rule.CriticalMillivolts) * 1000L;
        // Seconds s with carry + perDay × s ≥ (microvolts − target) × 86 400.
        var needed = checked(((_microvolts - target) * SecondsPerDay) - _carry);
        var seconds = (needed + _rule.MicrovoltsPerDay - 1) / _rule.MicrovoltsPerDay;
        return Clock.AddSeconds(Math.Max(1, seconds));
    }

    private BatteryLevel LevelOf(long microvolts) =>
        microvolts <= _rule.CriticalMillivolts * 1000L ? BatteryLevel.Critical
        : microvolts <= _rule.LowMillivolts * 1000L ? BatteryLevel.Low
        : BatteryLevel.Normal;
}
