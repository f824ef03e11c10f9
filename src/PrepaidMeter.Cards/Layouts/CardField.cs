using PrepaidMeter.Cards.Records;

namespace PrepaidMeter.Cards.Layouts;

/// <summary>The parts of the canonical record a layout can place in an image.</summary>
public enum CardField
{
    LayoutTag,
    Kind,
    CreditUnit,
    SupplyGroup,
    CardSerial,
    MeterNumber,
    CustomerNumber,
    PurchaseCount,
    PurchaseAmount,
    Price,
    Alarm1,
    Alarm2,
    OverdraftLimit,
    PurchaseLimit,
    PowerLimitWatts,
    ReturnWritePresent,
    ReturnWriteMeterNumber,
    ReturnWritePurchaseCount,
    ReturnWriteRemaining,
    ReturnWriteCumulativeEnergy,
    ReturnWriteStatus,
    ReturnWriteTime,
}

/// <summary>How a field's value is read: a plain integer, an amount or price with a decimal scale, a time, or constant bytes.</summary>
internal enum FieldValueKind
{
    Integer,
    Amount,
    Price,
    Time,
    Constant,
}

/// <summary>What the codec knows about each canonical field, looked up by array index, never by name.</summary>
internal sealed record CardFieldInfo(CardField Field, string Name, CardContent Content, FieldValueKind ValueKind, bool CanBeNegative, bool Optional)
{
    /// <summary>Decimal places of the record's own unit: hundredths for amounts, ten-thousandths for prices.</summary>
    public int RecordScale => ValueKind switch
    {
        FieldValueKind.Amount => 2,
        FieldValueKind.Price => 4,
        _ => 0,
    };

    public static readonly CardFieldInfo[] All =
    [
        new(CardField.LayoutTag, "layoutTag", CardContent.None, FieldValueKind.Constant, false, false),
        new(CardField.Kind, "kind", CardContent.None, FieldValueKind.Integer, false, false),
        new(CardField.CreditUnit, "creditUnit", CardContent.Amounts, FieldValueKind.Integer, false, false),
        new(CardField.SupplyGroup, "supplyGroup", CardContent.Header, FieldValueKind.Integer, false, false),
        new(CardField.CardSerial, "cardSerial", CardContent.Header, FieldValueKind.Integer, false, false),
        new(CardField.MeterNumber, "meterNumber", CardContent.Meter, FieldValueKind.Integer, false, false),
        new(CardField.CustomerNumber, "customerNumber", CardContent.Customer, FieldValueKind.Integer, false, false),
        new(CardField.PurchaseCount, "purchaseCount", CardContent.Purchase, FieldValueKind.Integer, false, false),
        new(CardField.PurchaseAmount, "purchaseAmount", CardContent.Purchase, FieldValueKind.Amount, false, false),
        new(CardField.Price, "price", CardContent.Purchase, FieldValueKind.Price, false, true),
        new(CardField.Alarm1, "parameters.alarm1", CardContent.Parameters, FieldValueKind.Amount, false, false),
        new(CardField.Alarm2, "parameters.alarm2", CardContent.Parameters, FieldValueKind.Amount, false, false),
        new(CardField.OverdraftLimit, "parameters.overdraftLimit", CardContent.Parameters, FieldValueKind.Amount, false, false),
        new(CardField.PurchaseLimit, "parameters.purchaseLimit", CardContent.Parameters, FieldValueKind.Amount, false, false),
        new(CardField.PowerLimitWatts, "parameters.powerLimitWatts", CardContent.Parameters, FieldValueKind.Integer, false, false),
        new(CardField.ReturnWritePresent, "returnWrite.present", CardContent.ReturnWrite, FieldValueKind.Integer, false, false),
        new(CardField.ReturnWriteMeterNumber, "returnWrite.meterNumber", CardContent.ReturnWrite, FieldValueKind.Integer, false, false),
        new(CardField.ReturnWritePurchaseCount, "returnWrite.purchaseCount", CardContent.ReturnWrite, FieldValueKind.Integer, false, false),
        new(CardField.ReturnWriteRemaining, "returnWrite.remaining", CardContent.ReturnWrite, FieldValueKind.Amount, true, false),
        new(CardField.ReturnWriteCumulativeEnergy, "returnWrite.cumulativeEnergy", CardContent.ReturnWrite, FieldValueKind.Amount, false, false),
        new(CardField.ReturnWriteStatus, "returnWrite.status", CardContent.ReturnWrite, FieldValueKind.Integer, false, false),
        new(CardField.ReturnWriteTime, "returnWrite.time", CardContent.ReturnWrite, FieldValueKind.Time, false, false),
    ];

    public static CardFieldInfo Of(CardField field) => All[(int)field];

    public static CardFieldInfo? Named(string name) => Array.Find(All, f => f.Name == name);
}
