using System.Globalization;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// A page of the books (customers, meters, prices, groups, operators, queries, the log): one service call per form, its
/// refusal said in the back office's words (<see cref="Refused"/>), what was done said once after the redirect (<see cref="Done"/>).
/// </summary>
public abstract class BooksPage : ConsolePage
{
    /// <summary>The back office's sentence for a refused call, shown as the page's alert.</summary>
    public string? Refused { get; protected set; }

    /// <summary>The reason of the back office's refusal in <see cref="Refused"/>: the page leads with it in the clerk's language (<see cref="RefusalWords"/>).</summary>
    public RefusalReason? RefusedReason { get; private set; }

    /// <summary>What the last form did ("customer 2 registered"), shown as the page's status.</summary>
    public string? Done { get; protected set; }

    /// <summary>The result's value, or default with its refusal kept in <see cref="Refused"/>.</summary>
    protected T? Shown<T>(VendResult<T> result)
    {
        if (result.Success)
        {
            return result.Value;
        }

        Refused = result.Refusal.Message;
        RefusedReason = result.Refusal.Reason;
        return default;
    }

    /// <summary>A moment as the books stamp it, to the second: "2026-03-01 08:00:00Z".</summary>
    public static string Moment(DateTimeOffset at) => Core.Moments.Format(at);

    /// <summary>A date or time typed in a form: "2026-12-01" (midnight UTC) or an ISO-8601 moment; null for text that is neither.</summary>
    public static DateTimeOffset? ParseMoment(string? text) => Core.Moments.Parse(text);
}
