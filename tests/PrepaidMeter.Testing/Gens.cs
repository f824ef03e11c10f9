using FsCheck;
using FsCheck.Fluent;

namespace PrepaidMeter.Testing;

/// <summary>FsCheck generators the built-in ones do not give: 64-bit ranges with their edges favoured.</summary>
public static class Gens
{
    /// <summary>A long in [min, max], with the bounds and small values often, where bugs live.</summary>
    public static Gen<long> Long(long min, long max)
    {
        if (min > max)
        {
            throw new ArgumentException("min must not exceed max");
        }

        var span = (ulong)(max - min);
        var uniform = Gen.Choose(0, int.MaxValue).Two()
            .Select(pair => min + (long)((((ulong)pair.Item1 << 31) | (uint)pair.Item2) % (span + 1)));
        var small = Gen.Choose(0, 1000).Select(v => Math.Min(max, min + v));
        return Gen.Frequency(
            (6, uniform),
            (2, small),
            (1, Gen.Elements(min, max)));
    }

    /// <summary>Multiples of <paramref name="step"/> in [0, max].</summary>
    public static Gen<long> Steps(long max, long step) => Long(0, max / step).Select(v => v * step);
}
