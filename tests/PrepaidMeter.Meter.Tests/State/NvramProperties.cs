using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests.State;

/// <summary>
/// Rule N1 over any registers, not only those the rules reach (MeterModelProperties checks those): every register
/// comes back from the image as it went in, whatever its value, beside the model the image keeps.
/// </summary>
public sealed class NvramProperties
{
    // The seconds DateTimeOffset holds: the image keeps times as Unix seconds.
    private const long FirstSecond = -62_135_596_800;
    private const long LastSecond = 253_402_300_799;

    private static readonly PropertyInfo[] Registers = typeof(MeterRegisters).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    // Gens.Long spans max - min, which the whole range overflows: two 32-bit halves, with the edges and small values often.
    private static readonly Gen<long> AnyLong = Gen.Frequency(
        (6, Gen.Choose(int.MinValue, int.MaxValue).Two().Select(halves => ((long)halves.Item1 << 32) | unchecked((uint)halves.Item2))),
        (2, Gen.Choose(-1000, 1000).Select(v => (long)v)),
        (1, Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L)));

    private static readonly Gen<byte> AnyByte = Gen.Choose(0, 255).Select(b => (byte)b);

    private static readonly Gen<uint> AnyUInt = Gens.Long(0, uint.MaxValue).Select(v => (uint)v);

    private static readonly Gen<DateTimeOffset> AnyTime = Gens.Long(FirstSecond, LastSecond).Select(DateTimeOffset.FromUnixTimeSeconds);

    // A null time is kept as -1, so a kept one is from the epoch on.
    private static readonly Gen<DateTimeOffset?> AnyOptionalTime = Gen.Frequency(
        (1, Gen.Constant<DateTimeOffset?>(null)),
        (3, Gens.Long(0, LastSecond).Select(s => (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(s))));

    private static readonly Gen<MeterEvent> AnyEvent =
        from at in AnyTime
        from kind in AnyByte
        from length in Gen.Choose(0, 40)
        from detail in Gen.ArrayOf(Gen.Elements("a", "Z", " ", "9", "é", "电", "🔌", ":"), length).Select(string.Concat)
        select new MeterEvent(at, (MeterEventKind)kind, detail);

    private static readonly Gen<MeterRegisters> AnyRegisters =
        from amounts in Gen.ArrayOf(AnyLong, 11)
        from limits in Gen.ArrayOf(Gens.Long(-Energy.MaxHundredths, Energy.MaxHundredths), 4)
        from counts in Gen.ArrayOf(AnyUInt, 3)
        from ints in Gen.ArrayOf(Gens.Long(int.MinValue, int.MaxValue).Select(v => (int)v), 3)
        from numbers in Gen.ArrayOf(Gens.Long(0, 999_999_999_999), 4)
        from keys in Gen.ArrayOf(AnyByte, 35)
        from states in Gen.ArrayOf(AnyByte, 3)
        from reasons in Gen.Choose(0, ushort.MaxValue)
        from flags in Gen.ArrayOf(Gen.Elements(true, false), 3)
        from unit in Gen.Elements(CreditUnit.Energy, CreditUnit.Money)
        from times in AnyTime.Zip(AnyOptionalTime.Two())
        from periods in Gen.ListOf(AnyLong)
        from events in Gen.ListOf(AnyEvent)
        select new MeterRegisters
        {
            ModelId = MeterModels.ReferenceEnergy.Id,
            MeterNumber = MeterNumber.From((ulong)numbers[0]),
            SupplyGroup = SupplyGroupCode.From((ulong)numbers[1] % 1_000_000),
            Customer = CustomerNumber.From((ulong)numbers[2]),
            LastCardSerial = CardSerial.From((ulong)numbers[3] % 100_000_000),
            MacKey = keys[..32],
            Psc = keys[32..],
            LifeCycle = (LifeCycle)states[0],
            CreditState = (CreditState)states[1],
            Relay = (RelayState)states[2],
            OpenReasons = (OpenReasons)reasons,
            Remaining = amounts[0],
            CumulativeEnergy = amounts[1],
            CumulativeLoaded = amounts[2],
            CreditConsumed = amounts[3],
            TransferredOut = amounts[4],
            EmergencyOutstanding = amounts[5],
            EmergencyBorrowedTotal = amounts[6],
            EmergencyRepaidTotal = amounts[7],
            WattSecondsCarry = amounts[8],
            MonthEnergy = amounts[9],
            MonthCharged = amounts[10],
            Parameters = new MeterParameters(new(unit, limits[0]), new(unit, limits[1]), new(unit, limits[2]), new(unit, limits[3]), counts[2]),
            PurchaseCount = PurchaseCount.From(counts[0] % (PurchaseCount.MaxCount + 1)),
            IllegalCards = counts[1],
            Alarm2Tripped = flags[0],
            KeepPowerOn = flags[1],
            AlarmOn = flags[2],
            Clock = times.Item1,
            OverPowerSince = times.Item2.Item1,
            ReconnectAt = times.Item2.Item2,
            Month = ints[0],
            TripsToday = ints[1],
            TripsDay = ints[2],
            MonthEnergyByPeriod = [.. periods],
            Events = EventRing.Of(events),
        };

    [Property(MaxTest = 300)]
    public Property WriteThenTryRead_GivesBackEveryRegister_AndTheModel() =>
        Prop.ForAll(AnyRegisters.ToArbitrary(), registers =>
        {
            var image = Nvram.Write(MeterModels.ReferenceEnergy, registers);

            Nvram.TryRead(image, out var read, out var model).ShouldBeNull();

            model.ShouldBeSameAs(MeterModels.ReferenceEnergy);
            foreach (var register in Registers)
            {
                MeterRegistersTests.Describe(register.GetValue(read)).ShouldBe(MeterRegistersTests.Describe(register.GetValue(registers)), register.Name);
            }

            Nvram.Write(model!, read!).ShouldBe(image);
        });
}
