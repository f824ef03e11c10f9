using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PrepaidMeter.Vending;

namespace PrepaidMeter.Web.Payments;

/// <summary>
/// What the payment API serves and where. The host opens the books with the site's audit key (where that key is kept is
/// the host's business, not the web's) and hands over the back office; its clock is the office's own.
/// </summary>
/// <param name="Office">The back office on the site's books, opened with its audit key.</param>
/// <param name="Listen">host:port; port 0 picks a free one.</param>
public sealed record PaymentApiOptions(BackOffice Office, string Listen)
{
    /// <summary>
    /// Where the API writes what it does not tell a partner: an unexpected fault's exception, at Debug (so `prepaid -v`
    /// shows it and a plain run's stderr stays as it was). Nowhere by default.
    /// </summary>
    public ILogger Log { get; init; } = NullLogger.Instance;
}
