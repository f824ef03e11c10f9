using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Setup;

/// <summary>A tax line of a template: its name and rate in basis points (1300 = 13%).</summary>
public sealed record TaxLine(string Name, int BasisPoints);

/// <summary>One tax line's share of a price, in integer hundredths.</summary>
public sealed record TaxAmount(string Name, int BasisPoints, Money Amount);

/// <summary>A price that includes its taxes, split: <see cref="Net"/> plus every tax's amount is <see cref="Gross"/>, exactly.</summary>
public sealed record TaxSplit(Money Gross, Money Net, IReadOnlyList<TaxAmount> Taxes)
{
    public Money Tax => Gross - Net;
}

/// <summary>
/// Taxes included in the price (价税合计): the counter's price is what the customer pays, so an invoice splits it
/// (docs/vending.md, "Invoice format"). With R the sum of the rates in basis points and G the gross in hundredths:
/// net N = G × 10000 / (10000 + R) rounded half away from zero to the hundredth; the tax T = G − N; T is shared among
/// the lines in proportion to their rates by the largest-remainder method (each line gets ⌊T × r / R⌋, and the
/// hundredths left go one each to the lines with the largest remainders, the earlier line first on a tie), so the
/// lines are never negative and add up to T exactly.
/// </summary>
public static class TaxLines
{
    public const int MaxBasisPoints = 10_000;

    public static TaxSplit Included(Money gross, IReadOnlyList<TaxLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (gross.IsNegative)
        {
            var positive = Included(-gross, lines);
            return new TaxSplit(gross, -positive.Net, [.. positive.Taxes.Select(t => t with { Amount = -t.Amount })]);
        }

        var rate = lines.Sum(l => (long)l.BasisPoints);
        var g = gross.Hundredths;
        var net = RoundedQuotient(checked(g * 10_000), checked(10_000 + rate));
        var tax = g - net;
        var shares = lines.Select(l => rate == 0 ? 0 : checked(tax * l.BasisPoints) / rate).ToArray();
        var left = tax - shares.Sum();
        var byRemainder = lines.Select((l, i) => (Index: i, Remainder: rate == 0 ? 0 : checked(tax * l.BasisPoints) % rate))
            .OrderByDescending(x => x.Remainder).ThenBy(x => x.Index).ToList();
        for (var i = 0; left > 0; i++, left--)
        {
            shares[byRemainder[i].Index]++;
        }

        return new TaxSplit(gross, Money.FromHundredths(net), [.. lines.Select((l, i) => new TaxAmount(l.Name, l.BasisPoints, Money.FromHundredths(shares[i])))]);
    }

    /// <summary>"13%", "6.5%", "0.01%": a rate in basis points as people read it.</summary>
    public static string Percent(int basisPoints) =>
        (basisPoints / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>a / b for a ≥ 0, b > 0, rounded half away from zero.</summary>
    private static long RoundedQuotient(long a, long b) => checked((2 * a) + b) / checked(2 * b);
}
