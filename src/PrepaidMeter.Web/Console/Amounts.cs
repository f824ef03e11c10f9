using System.Globalization;
using PrepaidMeter.Core;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// Amounts on a page, in the request's culture: each type formats its own integer hundredths ("N": the whole part grouped by the
/// culture, two decimals), never through floating point. Form fields and hidden fields keep the invariant text the parsers read.
/// </summary>
public static class Amounts
{
    public static string Show(Money amount) => amount.ToString("N", CultureInfo.CurrentCulture);

    public static string Show(Energy amount) => amount.ToString("N", CultureInfo.CurrentCulture);

    public static string Show(Volume amount) => amount.ToString("N", CultureInfo.CurrentCulture);

    public static string Show(CreditAmount amount) => amount.ToString("N", CultureInfo.CurrentCulture);
}
