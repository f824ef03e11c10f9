using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;

namespace PrepaidMeter.Testing;

/// <summary>One place to build valid test objects (Serilog's Some): tests state only what they care about.</summary>
public static class Some
{
    /// <summary>The secret the golden vectors in fixtures/cards are written with.</summary>
    public static readonly byte[] GroupSecret = Convert.FromHexString("5052455041494430");

    public static readonly DateTimeOffset Moment = new(2026, 11, 23, 8, 30, 0, TimeSpan.Zero);

    public static SupplyGroupKeys Keys { get; } = SupplyGroupKeys.Derive(GroupSecret);

    public static SupplyGroupKeys ForeignKeys { get; } = SupplyGroupKeys.Derive(Convert.FromHexString("0BADC0DE0BADC0DE"));

    public static CardRecord UserCard(string layout, uint purchaseCount = 1, decimal kwh = 50m) => new()
    {
        Kind = CardKind.User,
        Layout = layout,
        CreditUnit = CreditUnit.Energy,
        SupplyGroup = SupplyGroupCode.From(100001),
        MeterNumber = MeterNumber.From(12345678),
        CustomerNumber = CustomerNumber.From(1001),
        CardSerial = CardSerial.From(20260001),
        PurchaseCount = PurchaseCount.From(purchaseCount),
        Purchase = CreditAmount.Of(Energy.FromKilowattHours(kwh)),
    };

    public static ReturnWriteBlock ReturnWrite(uint loaded = 1, long remainingHundredths = 6250) => new(
        MeterNumber.From(12345678),
        PurchaseCount.From(loaded),
        new CreditAmount(CreditUnit.Energy, remainingHundredths),
        Energy.FromKilowattHours(1234.56m),
        ReturnWriteStatus.PurchaseLoaded,
        Moment);
}
