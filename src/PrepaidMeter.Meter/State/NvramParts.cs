using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Meter.State;

/// <summary>
/// The parts block of the NVRAM image (version 3): a presence byte, then for a meter with parts four optional records,
/// each behind its own presence byte — valve, battery, tamper watch, leak watch. Times as Unix seconds (the meter's clock
/// has no fractions), an absent time as <see cref="long.MinValue"/>.
/// </summary>
internal static class NvramParts
{
    public static void Write(BinaryWriter w, PartsMemory? parts)
    {
        w.Write(parts is not null);
        if (parts is null)
        {
            return;
        }

        w.Write(parts.Valve is not null);
        if (parts.Valve is { } v)
        {
            w.Write((byte)v.Position);
            Time(w, v.Now);
            Time(w, v.LastMoved);
            Time(w, v.TravelEnds);
            Time(w, v.RetryAt);
            w.Write(v.Failures);
            w.Write(v.HeldClosedFor is not null);
            w.Write(v.HeldClosedFor ?? "");
            w.Write(v.Exercise);
            w.Write(v.Seized);
            w.Write(v.MotorRuns);
        }

        w.Write(parts.Battery is not null);
        if (parts.Battery is { } b)
        {
            Time(w, b.Clock);
            w.Write(b.Microvolts);
            w.Write(b.Carry);
            w.Write((byte)b.Reported);
        }

        w.Write(parts.Tamper is not null);
        if (parts.Tamper is { } t)
        {
            Time(w, t.Clock);
            w.Write((byte)t.Active);
            w.Write((byte)t.Latched);
            Time(w, t.QuietSince);
        }

        w.Write(parts.Leak is not null);
        if (parts.Leak is { } l)
        {
            Time(w, l.FlowingSince);
            w.Write(l.Leaking);
        }
    }

    /// <exception cref="ArgumentException">A value no meter writes (caught by the reader as an inconsistent image).</exception>
    public static PartsMemory? Read(BinaryReader r)
    {
        if (!r.ReadBoolean())
        {
            return null;
        }

        ValveMemory? valve = r.ReadBoolean()
            ? new ValveMemory(Enum<ValvePosition>(r.ReadByte()), Time(r), Time(r), Time(r), Time(r), r.ReadInt32(), HeldClosedFor(r), Exercise(r.ReadByte()), r.ReadBoolean(), r.ReadInt32())
            : null;
        BatteryMemory? battery = r.ReadBoolean()
            ? new BatteryMemory(Time(r), r.ReadInt64(), r.ReadInt64(), Enum<BatteryLevel>(r.ReadByte()))
            : null;
        TamperMemory? tamper = r.ReadBoolean()
            ? new TamperMemory(Time(r), Flags(r.ReadByte()), Flags(r.ReadByte()), OptionalTime(r))
            : null;
        LeakMemory? leak = r.ReadBoolean()
            ? new LeakMemory(OptionalTime(r), r.ReadBoolean())
            : null;
        return new(valve, battery, tamper, leak);
    }

    private static TamperFlags Flags(byte value) =>
        (value & ~(int)(TamperFlags.Magnet | TamperFlags.Case)) == 0 ? (TamperFlags)value : throw new ArgumentException($"tamper flags {value} are not ones a meter writes");

    private static byte Exercise(byte value) => value <= 2 ? value : throw new ArgumentException($"exercise phase {value} is not one a meter writes");

    private static string? HeldClosedFor(BinaryReader r)
    {
        var held = r.ReadBoolean();
        var text = r.ReadString();
        return held ? text : null;
    }

    private static T Enum<T>(byte value)
        where T : struct, System.Enum =>
        System.Enum.ToObject(typeof(T), value) is T known && System.Enum.IsDefined(known)
            ? known
            : throw new ArgumentException($"{typeof(T).Name} {value} is not one a meter writes");

    private static void Time(BinaryWriter w, DateTimeOffset? at) => w.Write(at?.ToUnixTimeSeconds() ?? long.MinValue);

    private static DateTimeOffset Time(BinaryReader r) =>
        OptionalTime(r) ?? throw new ArgumentException("a part's clock is missing");

    private static DateTimeOffset? OptionalTime(BinaryReader r) =>
        r.ReadInt64() is var seconds and not long.MinValue ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
