namespace PrepaidMeter.Core.Pricing;

/// <summary>One period of a time-of-use day: from <paramref name="Start"/> until the next period's start.</summary>
public sealed record TimeOfUsePeriod(string Name, TimeOnly Start, UnitPrice Rate);

/// <summary>
/// Prices by time of day (peak, flat, valley). Periods are given by their start; the day wraps, so
/// the hours before the first start belong to the last period. The time of day is read in the
/// offset of the moment given, which is the site's local time.
/// </summary>
public sealed class TimeOfUseTariff : Tariff
{
    private readonly TimeOfUsePeriod[] _periods;
    private readonly long[] _rates;

    /// <exception cref="ArgumentException">No periods, or two starting at the same time.</exception>
    public TimeOfUseTariff(IEnumerable<TimeOfUsePeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        _periods = [.. periods.OrderBy(p => p.Start)];
        _rates = [.. _periods.Select(p => p.Rate.TenThousandths)];
        if (_periods.Length == 0)
        {
            throw new ArgumentException("A time-of-use tariff needs at least one period.", nameof(periods));
        }

        for (var i = 1; i < _periods.Length; i++)
        {
            if (_periods[i].Start == _periods[i - 1].Start)
            {
                throw new ArgumentException(
                    $"Periods '{_periods[i - 1].Name}' and '{_periods[i].Name}' both start at {_periods[i].Start:HH:mm}.", nameof(periods));
            }
        }
    }

    public IReadOnlyList<TimeOfUsePeriod> Periods => _periods;

    /// <summary>Each period's rate in ten-thousandths, in the order of <see cref="Periods"/>: a meter charges every step with them.</summary>
    public ReadOnlySpan<long> RatesTenThousandths => _rates;

    public TimeOfUsePeriod PeriodAt(DateTimeOffset at) => _periods[PeriodIndexAt(at)];

    /// <summary>The index in <see cref="Periods"/> of the period <paramref name="at"/> falls in (a meter keeps energy per period by it).</summary>
    public int PeriodIndexAt(DateTimeOffset at)
    {
        var time = TimeOnly.FromTimeSpan(at.TimeOfDay);
        var current = _periods.Length - 1;
        for (var i = 0; i < _periods.Length && _periods[i].Start <= time; i++)
        {
            current = i;
        }

        return current;
    }

    public override UnitPrice MarginalPrice(DateTimeOffset at, Energy usedInPeriod = default) => PeriodAt(at).Rate;

    public override DateTimeOffset? NextChangeAfter(DateTimeOffset at)
    {
        if (_periods.Length == 1)
        {
            return null;
        }

        var time = TimeOnly.FromTimeSpan(at.TimeOfDay);
        var midnight = at - at.TimeOfDay;
        foreach (var period in _periods)
        {
            if (period.Start > time)
            {
                return midnight + period.Start.ToTimeSpan();
            }
        }

        return midnight.AddDays(1) + _periods[0].Start.ToTimeSpan();
    }

    internal override Int128 PriceMicros(long energyHundredths, DateTimeOffset at, long usedHundredths) =>
        (Int128)energyHundredths * PeriodAt(at).Rate.TenThousandths;
}
