using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Console;

/// <summary>An account's state as the pages name it: the English key of <c>L[...]</c> (a test checks each has its translation).</summary>
public static class AccountWords
{
    public static string Status(AccountStatus status) => status switch
    {
        AccountStatus.Pending => "pending",
        AccountStatus.Open => "open",
        AccountStatus.Transferred => "transferred",
        AccountStatus.Closed => "closed",
        _ => status.ToString().ToLowerInvariant(),
    };
}
