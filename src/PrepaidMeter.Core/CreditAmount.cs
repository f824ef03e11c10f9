using System.Globalization;

namespace PrepaidMeter.Core;

/// <summary>
/// An amount of credit in a meter's unit — energy or money, both integer hundredths. Cards and meters
/// speak in this: a purchase, a remaining balance, an alarm level.
/// </summary>
public readonly record struct CreditAmount(CreditUnit Unit, long Hundredths)
{
    public static CreditAmount Of(Energy energy) => new(CreditUnit.Energy, energy.Hundredths);

    public static CreditAmount Of(Money money) => new(CreditUnit.Money, money.Hundredths);

    public static CreditAmount Zero(CreditUnit unit) => new(unit, 0);

    /// <exception cref="InvalidOperationException">The amount is money.</exception>
    public Energy AsEnergy() => Unit == CreditUnit.Energy
        ? Energy.FromHundredths(Hundredths)
        : throw new InvalidOperationException("This credit is money, not energy.");

    /// <exception cref="InvalidOperationException">The amount is energy.</exception>
    public Money AsMoney() => Unit == CreditUnit.Money
        ? Money.FromHundredths(Hundredths)
        : throw new InvalidOperationException("This credit is energy, not money.");

    public override string ToString() => Unit == CreditUnit.Energy
        ? Energy.FromHundredths(Hundredths).ToString()
        : Money.FromHundredths(Hundredths).ToString(null, CultureInfo.InvariantCulture);
}
