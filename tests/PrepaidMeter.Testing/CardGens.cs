using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;

namespace PrepaidMeter.Testing;

/// <summary>
/// Generates card records a given layout can carry: every kind it supports, every value within the
/// capacity and step of the layout's fields (so a legacy BCD layout gets legacy-sized values).
/// </summary>
public static class CardGens
{
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2099, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public static Gen<CardRecord> Record(CardLayout layout)
    {
        var kinds = Enum.GetValues<CardKind>().Where(layout.Supports).ToArray();
        return Gen.Elements(kinds).SelectMany(kind => Record(layout, kind));
    }

    /// <summary>
    /// A record of a kind that carries a return-write, and another return-write block for a meter to write onto it
    /// (in the record's credit unit).
    /// </summary>
    public static Gen<(CardRecord Record, ReturnWriteBlock Block)> ReturnWriteCase(CardLayout layout)
    {
        var kinds = Enum.GetValues<CardKind>().Where(k => layout.Supports(k) && CardContents.Of(k).HasFlag(CardContent.ReturnWrite)).ToArray();
        return Gen.Elements(kinds).SelectMany(kind => Record(layout, kind).Zip(Record(layout, kind)))
            .Where(pair => pair.Item2.ReturnWrite is not null)
            .Select(pair => (pair.Item1, pair.Item2.ReturnWrite!.Value with { Remaining = new(pair.Item1.CreditUnit, pair.Item2.ReturnWrite.Value.Remaining.Hundredths) }));
    }

    public static Gen<CardRecord> Record(CardLayout layout, CardKind kind)
    {
        if (kind == CardKind.Blank)
        {
            return Gen.Constant(CardRecord.Blank(layout.Id));
        }

        var content = CardContents.Of(kind);
        return
            from unit in content.HasFlag(CardContent.Amounts) ? Gen.Elements(Enum.GetValues<CreditUnit>()) : Gen.Constant(CreditUnit.Energy)
            from serial in Digits(layout, CardField.CardSerial, CardSerial.MaxDigits)
            from groupCode in Digits(layout, CardField.SupplyGroup, SupplyGroupCode.MaxDigits)
            from meter in content.HasFlag(CardContent.Meter) ? Digits(layout, CardField.MeterNumber, MeterNumber.MaxDigits) : Gen.Constant(0L)
            from customer in content.HasFlag(CardContent.Customer) ? Digits(layout, CardField.CustomerNumber, CustomerNumber.MaxDigits) : Gen.Constant(0L)
            from count in content.HasFlag(CardContent.Purchase) ? Count(layout, CardField.PurchaseCount) : Gen.Constant(0L)
            from amount in content.HasFlag(CardContent.Purchase) ? Amount(layout, CardField.PurchaseAmount) : Gen.Constant(0L)
            from price in content.HasFlag(CardContent.Purchase) && layout.CarriesPrice ? Price(layout) : Gen.Constant<UnitPrice?>(null)
            from parameters in content.HasFlag(CardContent.Parameters) ? Parameters(layout, unit) : Gen.Constant<MeterParameters?>(null)
            from returnWrite in content.HasFlag(CardContent.ReturnWrite) ? ReturnWrite(layout, unit) : Gen.Constant<ReturnWriteBlock?>(null)
            select new CardRecord
            {
                Kind = kind,
                Layout = layout.Id,
                CreditUnit = unit,
                SupplyGroup = SupplyGroupCode.From((ulong)groupCode),
                CardSerial = CardSerial.From((ulong)serial),
                MeterNumber = MeterNumber.From((ulong)meter),
                CustomerNumber = CustomerNumber.From((ulong)customer),
                PurchaseCount = PurchaseCount.From((uint)count),
                Purchase = new(unit, amount),
                Price = price,
                Parameters = parameters,
                ReturnWrite = returnWrite,
            };
    }

    private static Gen<MeterParameters?> Parameters(CardLayout layout, CreditUnit unit) =>
        from alarm1 in Amount(layout, CardField.Alarm1)
        from alarm2 in Amount(layout, CardField.Alarm2)
        from overdraft in Amount(layout, CardField.OverdraftLimit)
        from limit in Amount(layout, CardField.PurchaseLimit)
        from watts in Gens.Long(0, Math.Min(uint.MaxValue, layout.CapacityOf(CardField.PowerLimitWatts)!.Value.Max))
        select (MeterParameters?)new MeterParameters(new(unit, alarm1), new(unit, alarm2), new(unit, overdraft), new(unit, limit), (uint)watts);

    private static Gen<ReturnWriteBlock?> ReturnWrite(CardLayout layout, CreditUnit unit)
    {
        var written =
            from meter in Digits(layout, CardField.ReturnWriteMeterNumber, MeterNumber.MaxDigits)
            from loaded in Count(layout, CardField.ReturnWritePurchaseCount)
            from remaining in SignedAmount(layout, CardField.ReturnWriteRemaining)
            from energy in Amount(layout, CardField.ReturnWriteCumulativeEnergy)
            from status in Gen.Choose(0, ushort.MaxValue)
            from seconds in Gens.Long(Earliest.ToUnixTimeSeconds(), Latest.ToUnixTimeSeconds())
            select (ReturnWriteBlock?)new ReturnWriteBlock(
                MeterNumber.From((ulong)meter), PurchaseCount.From((uint)loaded), new(unit, remaining),
                Energy.FromHundredths(energy), (ReturnWriteStatus)status, DateTimeOffset.FromUnixTimeSeconds(seconds));
        return Gen.Frequency((1, Gen.Constant<ReturnWriteBlock?>(null)), (3, written));
    }

    private static Gen<long> Digits(CardLayout layout, CardField field, int digits)
    {
        var max = Math.Min(layout.CapacityOf(field)!.Value.Max, (long)Math.Pow(10, digits) - 1);
        return Gens.Long(0, max);
    }

    private static Gen<long> Count(CardLayout layout, CardField field) =>
        Gens.Long(0, Math.Min(layout.CapacityOf(field)!.Value.Max, PurchaseCount.MaxCount));

    private static Gen<long> Amount(CardLayout layout, CardField field)
    {
        var (max, step, _) = layout.CapacityOf(field)!.Value;
        return Gens.Steps(Math.Min(max, Energy.MaxHundredths), step);
    }

    private static Gen<long> SignedAmount(CardLayout layout, CardField field)
    {
        var (max, step, signed) = layout.CapacityOf(field)!.Value;
        var magnitude = Gens.Steps(Math.Min(max, Energy.MaxHundredths), step);
        return signed ? magnitude.SelectMany(m => Gen.Elements(m, -m)) : magnitude;
    }

    private static Gen<UnitPrice?> Price(CardLayout layout)
    {
        var (max, step, _) = layout.CapacityOf(CardField.Price)!.Value;
        return Gens.Steps(Math.Min(max, UnitPrice.MaxTenThousandths), step)
            .Select(p => p == 0 ? (UnitPrice?)null : UnitPrice.FromTenThousandths(p));
    }
}
