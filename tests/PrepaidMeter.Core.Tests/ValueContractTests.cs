using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Core.Tests;

/// <summary>Equality, ordering and text round trips, checked once for every value type.</summary>
public sealed class ValueContractTests
{
    [Fact]
    public void Energy_KeepsValueContracts() =>
        ValueContracts.CheckOrdered(Energy.FromHundredths(-5), Energy.Zero, Energy.FromKilowattHours(12.34m));

    [Fact]
    public void Money_KeepsValueContracts() =>
        ValueContracts.CheckOrdered(Money.MinValue, Money.FromUnits(0.01m), Money.MaxValue);

    [Fact]
    public void MeterNumber_KeepsValueContracts() =>
        ValueContracts.CheckOrdered(MeterNumber.MinValue, MeterNumber.From(12345678), MeterNumber.MaxValue);

    [Fact]
    public void CustomerNumber_KeepsValueContracts() =>
        ValueContracts.CheckOrdered(CustomerNumber.From(1), CustomerNumber.From(1001), CustomerNumber.MaxValue);

    [Fact]
    public void SupplyGroupCode_KeepsValueContracts() =>
        ValueContracts.CheckOrdered(SupplyGroupCode.MinValue, SupplyGroupCode.From(100001), SupplyGroupCode.MaxValue);

    [Fact]
    public void CardSerial_KeepsValueContracts() =>
        ValueContracts.CheckOrdered(CardSerial.From(7), CardSerial.From(20260001), CardSerial.MaxValue);

    [Fact]
    public void PurchaseCount_KeepsValueContracts() =>
        ValueContracts.CheckOrdered(PurchaseCount.Zero, PurchaseCount.From(41), PurchaseCount.MaxValue);

    [Fact]
    public void UnitPrice_KeepsValueContracts() =>
        ValueContracts.CheckOrdered(UnitPrice.Zero, UnitPrice.FromUnits(0.5283m), UnitPrice.FromUnits(9999m));

    [Fact]
    public void AllValues_RoundTripThroughInvariantText()
    {
        ValueContracts.CheckTextRoundTrip(Energy.FromKilowattHours(-1234.5m));
        ValueContracts.CheckTextRoundTrip(Energy.MaxValue);
        ValueContracts.CheckTextRoundTrip(Money.MinValue);
        ValueContracts.CheckTextRoundTrip(Money.FromHundredths(7));
        ValueContracts.CheckTextRoundTrip(MeterNumber.From(12345678));
        ValueContracts.CheckTextRoundTrip(CustomerNumber.From(1001));
        ValueContracts.CheckTextRoundTrip(SupplyGroupCode.From(42));
        ValueContracts.CheckTextRoundTrip(CardSerial.From(5));
        ValueContracts.CheckTextRoundTrip(PurchaseCount.From(999_999));
        ValueContracts.CheckTextRoundTrip(UnitPrice.FromUnits(0.0001m));
    }
}
