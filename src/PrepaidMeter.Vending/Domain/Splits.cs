using System.Globalization;
using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Domain;

/// <summary>
/// A share of a meter's energy asked for (用电比例): the customer who uses that part, the price type (of the account's group)
/// it is sold at, and its part in basis points — hundredths of a percent, so 33.33% is 3333 and the parts of a split sum to 10 000.
/// </summary>
public readonly record struct ShareRequest(CustomerNumber Customer, long PriceTypeId, int BasisPoints);

/// <summary>A part in hundredths of a percent, printed and parsed as a percent with up to two decimals ("60", "33.33").</summary>
public static class SharePercent
{
    public static string Format(int basisPoints) => (basisPoints / 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// "60", "12.5", "33.33" (a trailing % allowed) as basis points; null for anything else, more than two decimals, or past a
    /// million percent. A part over 100% parses: it is the split's rules that refuse it, not its spelling.
    /// </summary>
    public static int? Parse(string text)
    {
        var trimmed = (text ?? "").Trim().TrimEnd('%');
        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) || percent > 1_000_000m)
        {
            return null;
        }

        var basisPoints = percent * 100m;
        return basisPoints == decimal.Truncate(basisPoints) ? (int)basisPoints : null;
    }
}

/// <summary>A share of a split in force: its place in the split, its sharer, its price type and its part.</summary>
public sealed record SplitShare(int Position, CustomerNumber Customer, string CustomerName, long PriceTypeId, string PriceType, int BasisPoints)
{
    public string Percent => SharePercent.Format(BasisPoints);
}

/// <summary>A change of an account's split: the shares from then on (none: the split ended, the account sells at its own type again).</summary>
public sealed record AccountSplit(long Id, long AccountId, IReadOnlyList<SplitShare> Shares, string Reason, string Operator, DateTimeOffset At);

/// <summary>An account's split: the one in force (null: none) and every change, oldest first.</summary>
public sealed record SplitHistory(long AccountId, CustomerNumber Customer, MeterNumber Meter, AccountSplit? InForce, IReadOnlyList<AccountSplit> Changes);

/// <summary>A sharer's part of a receipt: its kWh and what they cost at its price type.</summary>
public sealed record ReceiptShare(CustomerNumber Customer, string CustomerName, string PriceType, int BasisPoints, Energy Energy, Money Money)
{
    public string Percent => SharePercent.Format(BasisPoints);
}

/// <summary>A sale's share, as the share query lists it: with its receipt, account, meter and time.</summary>
public sealed record SaleShareLine(
    long? ReceiptNumber, long SaleId, SaleKind Kind, SaleStatus Status, long AccountId, MeterNumber Meter, CustomerNumber Customer, string CustomerName,
    string PriceType, string Percent, Energy Energy, Money Money, DateTimeOffset At);
