using System.Numerics;
using Shouldly;

namespace PrepaidMeter.Testing;

/// <summary>
/// The equality and ordering contracts every value type keeps (NodaTime's TestHelper), checked once
/// here for all of them: given three values in strictly rising order.
/// </summary>
public static class ValueContracts
{
    public static void CheckOrdered<T>(T low, T middle, T high)
        where T : struct, IEquatable<T>, IComparable<T>, IComparable, IEqualityOperators<T, T, bool>, IComparisonOperators<T, T, bool>
    {
        var copy = middle;
        middle.Equals(copy).ShouldBeTrue();
        middle.Equals((object)copy).ShouldBeTrue();
        (middle == copy).ShouldBeTrue();
        (middle != copy).ShouldBeFalse();
        middle.GetHashCode().ShouldBe(copy.GetHashCode());
        middle.Equals(low).ShouldBeFalse();
        middle.Equals((object?)null).ShouldBeFalse();
        middle.Equals(new object()).ShouldBeFalse();
        (middle == high).ShouldBeFalse();

        foreach (var (a, b) in new[] { (low, middle), (middle, high), (low, high) })
        {
            a.CompareTo(b).ShouldBeLessThan(0);
            b.CompareTo(a).ShouldBeGreaterThan(0);
            ((IComparable)a).CompareTo(b).ShouldBeLessThan(0);
            (a < b).ShouldBeTrue();
            (a <= b).ShouldBeTrue();
            (b > a).ShouldBeTrue();
            (b >= a).ShouldBeTrue();
            (a > b).ShouldBeFalse();
            (b < a).ShouldBeFalse();
        }

        middle.CompareTo(copy).ShouldBe(0);
        (middle <= copy).ShouldBeTrue();
        (middle >= copy).ShouldBeTrue();
        ((IComparable)middle).CompareTo(null).ShouldBeGreaterThan(0);
        Should.Throw<ArgumentException>(() => ((IComparable)middle).CompareTo("not a value"));
    }

    /// <summary>Formatting then parsing gives the value back, with invariant culture.</summary>
    public static void CheckTextRoundTrip<T>(T value)
        where T : IParsable<T>, IFormattable, IEquatable<T>
    {
        var text = value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
        T.Parse(text, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(value);
        T.TryParse(text, null, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(value);
    }
}
