using System.Globalization;

namespace PrepaidMeter.Core;

/// <summary>
/// An amount of credit in a meter's unit — energy, money or volume, all integer hundredths. Cards and meters
/// speak in this: a purchase, a remaining balance, an alarm level.
/// </summary>
public readonly record struct CreditAmount(CreditUnit Unit, long Hundredths) : IFormattable
{
    public static CreditAmount Of(Energy energy) => new(CreditUnit.Energy, energy.Hundredths);

    public static CreditAmount Of(Money money) => new(CreditUnit.Money, money.Hundredths);

    public static CreditAmount Of(Volume volume) => new(CreditUnit.Volume, volume.Hundredths);

    public static CreditAmount Zero(CreditUnit unit) => new(unit, 0);

    /// <exception cref="InvalidOperationException">The amount is not energy.</exception>
    public Energy AsEnergy() => Unit == CreditUnit.Energy
        ? Energy.FromHundredths(Hundredths)
        : throw new InvalidOperationException($"This credit is {Unit.Name()}, not energy.");

    /// <exception cref="InvalidOperationException">The amount is not money.</exception>
    public Money AsMoney() => Unit == CreditUnit.Money
        ? Money.FromHundredths(Hundredths)
        : throw new InvalidOperationException($"This credit is {Unit.Name()}, not money.");

    /// <exception cref="InvalidOperationException">The amount is not a volume.</exception>
    public Volume AsVolume() => Unit == CreditUnit.Volume
        ? Volume.FromHundredths(Hundredths)
        : throw new InvalidOperationException($"This credit is {Unit.Name()}, not volume.");

    public override string ToString() => Unit switch
    {
        CreditUnit.Energy => Energy.FromHundredths(Hundredths).ToString(),
        CreditUnit.Money => Money.FromHundredths(Hundredths).ToString(null, CultureInfo.InvariantCulture),
        CreditUnit.Volume => Volume.FromHundredths(Hundredths).ToString(),
        _ => throw new InvalidOperationException($"Not a credit unit: {(byte)Unit}."),
    };

    /// <summary>As its unit's type formats it (G, F or N).</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => Unit switch
    {
        CreditUnit.Energy => Energy.FromHundredths(Hundredths).ToString(format, formatProvider),
        CreditUnit.Money => Money.FromHundredths(Hundredths).ToString(format, formatProvider),
        CreditUnit.Volume => Volume.FromHundredths(Hundredths).ToString(format, formatProvider),
        _ => throw new InvalidOperationException($"Not a credit unit: {(byte)Unit}."),
    };
}

/// <summary>The names files, cards' JSON and the CLI give the credit units.</summary>
public static class CreditUnits
{
    /// <summary>"energy", "money", "volume".</summary>
    public static string Name(this CreditUnit unit) => unit switch
    {
        CreditUnit.Energy => "energy",
        CreditUnit.Money => "money",
        CreditUnit.Volume => "volume",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a credit unit."),
    };

    /// <summary>Reads "energy", "money" or "volume" (any case); null for anything else.</summary>
    public static CreditUnit? Parse(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "ENERGY" => CreditUnit.Energy,
        "MONEY" => CreditUnit.Money,
        "VOLUME" => CreditUnit.Volume,
        _ => null,
    };

    /// <summary>Whether a byte is a credit unit a card may carry.</summary>
    public static bool IsDefined(byte value) => value <= (byte)CreditUnit.Volume;
}
