using System.Reflection;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter.Tests.State;

/// <summary>
/// Rule N1's commit copies the registers field by field into the copy the meter keeps; a register added
/// later and left out of <see cref="MeterRegisters.CopyTo"/> would silently survive a power cut as stale.
/// </summary>
public sealed class MeterRegistersTests
{
    public static TheoryData<string> Registers =>
        [.. typeof(MeterRegisters).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Registers))]
    public void CopyTo_CopiesTheRegister(string name)
    {
        var property = typeof(MeterRegisters).GetProperty(name)!;
        var source = Fresh();
        var changed = Different(property.PropertyType, property.GetValue(source));
        property.SetValue(source, changed);
        var target = Fresh();
        Describe(property.GetValue(target)).ShouldNotBe(Describe(changed), "the test's change must be visible");

        source.CopyTo(target);

        Describe(property.GetValue(target)).ShouldBe(Describe(changed));
    }

    [Fact]
    public void CopyTo_MonthEnergyByPeriod_IsNotShared()
    {
        var source = Fresh();
        source.MonthEnergyByPeriod = [1, 2, 3];
        var target = Fresh();

        source.CopyTo(target);
        source.MonthEnergyByPeriod[0] = 99;

        target.MonthEnergyByPeriod.ShouldBe([1, 2, 3]);
    }

    private static PrepaidMeter.Meter.Tokens.TokenMemory TokenMemoryOf() => PrepaidMeter.Meter.Tokens.TokenMemory.Installed(
        new PrepaidMeter.Tokens.Keys.MeterIdentity("600727", Tokens.TokenHarness.Drn, 2, 123456, 1, 1, PrepaidMeter.Tokens.Data.BaseDate.Year1993, 255),
        new PrepaidMeter.Tokens.Keys.DecoderKey(PrepaidMeter.Tokens.Keys.EncryptionAlgorithm.Sta, new byte[8]));

    private static MeterRegisters Fresh() => new() { ModelId = "model" };

    /// <summary>A register's value as text, comparable whatever its type (NvramProperties compares with it too).</summary>
    internal static string Describe(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToHexString(bytes),
        long[] longs => string.Join(",", longs),
        EventRing ring => string.Join("|", ring.ToArray().Select(e => e.ToString())),
        _ => value.ToString()!,
    };

    /// <summary>A value of <paramref name="type"/> unlike <paramref name="current"/>; a new register type needs a case here.</summary>
    private static object Different(Type type, object? current) => current switch
    {
        string text => text + "-changed",
        bool flag => !flag,
        int number => number + 1,
        uint number => number + 1,
        long number => number + 1,
        DateTimeOffset at => at.AddSeconds(1),
        null when type == typeof(PartsMemory) => new PartsMemory(null, null, null, null),
        null when type == typeof(PrepaidMeter.Meter.Tokens.TokenMemory) => TokenMemoryOf(),
        null when type == typeof(DateTimeOffset?) => DateTimeOffset.UnixEpoch.AddDays(1),
        byte[] bytes => bytes.Select(b => (byte)(b + 1)).Append((byte)7).ToArray(),
        long[] longs => longs.Append(7L).ToArray(),
        MeterNumber meter => MeterNumber.From(meter.Value + 1),
        SupplyGroupCode group => SupplyGroupCode.From(group.Value + 1),
        PurchaseCount count => PurchaseCount.From(count.Value + 1),
        CardSerial serial => CardSerial.From(serial.Value + 1),
        CustomerNumber customer => CustomerNumber.From(customer.Value + 1),
        MeterParameters parameters => parameters with { PowerLimitWatts = parameters.PowerLimitWatts + 1 },
        PartsMemory parts => parts with { Battery = new PrepaidMeter.Meter.Batteries.BatteryMemory(DateTimeOffset.UnixEpoch, 1, 0, default) },
        EventRing ring => ring.Add(new MeterEvent(DateTimeOffset.UnixEpoch, MeterEventKind.Remote, "changed"), 8),
        Enum value => Enum.ToObject(type, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) ^ 1),
        _ => throw new InvalidOperationException($"No different value for a register of type {type}: add one."),
    };
}
