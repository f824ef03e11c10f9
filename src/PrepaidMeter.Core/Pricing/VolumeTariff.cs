namespace PrepaidMeter.Core.Pricing;

/// <summary>
/// A water or gas price (水价, 气价): a tariff read in m³ instead of kWh. The definitions are the same (flat, tiered —
/// 阶梯水价 — or a composite of them, its tiers counted per month); a <see cref="Tariff"/> prices hundredths of its
/// unit, so this face is the one place where hundredths of a m³ are handed to it, and a <see cref="Volume"/> is
/// never passed where an <see cref="Energy"/> is meant. A price that changes with the time of day is refused: a water
/// or gas card is sold ahead of its use, and the field prices water by quantity, not by hour.
/// </summary>
public sealed class VolumeTariff
{
    private readonly Tariff _tariff;

    private VolumeTariff(Tariff tariff) => _tariff = tariff;

    /// <summary>Whether the price depends on what was used this month (tiered blocks).</summary>
    public bool CountsUsage => _tariff.CountsUsage;

    /// <summary>The tariff as a water or gas price, or why it cannot be one.</summary>
    public static (VolumeTariff? Tariff, string? Problem) Of(Tariff tariff)
    {
        ArgumentNullException.ThrowIfNull(tariff);
        return tariff.NextChangeAfter(DateTimeOffset.UnixEpoch) is null
            ? (new VolumeTariff(tariff), null)
            : (null, "a water or gas price is flat or tiered by quantity; it cannot change with the time of day");
    }

    /// <summary>The price of <paramref name="volume"/> bought at <paramref name="at"/>, with <paramref name="usedThisMonth"/> already bought.</summary>
    public Money Price(Volume volume, DateTimeOffset at, Volume usedThisMonth = default) =>
        _tariff.Price(Energy.FromHundredths(volume.Hundredths), at, Energy.FromHundredths(usedThisMonth.Hundredths));

    /// <summary>The most volume <paramref name="money"/> buys: the largest whose <see cref="Price"/> does not exceed it.</summary>
    public Volume VolumeFor(Money money, DateTimeOffset at, Volume usedThisMonth = default) =>
        Volume.FromHundredths(_tariff.EnergyFor(money, at, Energy.FromHundredths(usedThisMonth.Hundredths)).Hundredths);

    /// <summary>The price of the next m³.</summary>
    public UnitPrice MarginalPrice(DateTimeOffset at, Volume usedThisMonth = default) =>
        _tariff.MarginalPrice(at, Energy.FromHundredths(usedThisMonth.Hundredths));
}
