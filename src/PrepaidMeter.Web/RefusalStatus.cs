using Microsoft.AspNetCore.Http;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web;

/// <summary>
/// A refusal of the back office as an HTTP status, one table for the payment API and the web console: no or an unknown login
/// 401, no permission 403, not found 404, a conflict 409, over a limit 422, the database or the audit key missing 503,
/// anything else (input the back office refuses) 400.
/// </summary>
public static class RefusalStatus
{
    public static int Of(RefusalReason reason) => reason switch
    {
        RefusalReason.LoginFailed => StatusCodes.Status401Unauthorized,
        RefusalReason.NoPermission => StatusCodes.Status403Forbidden,
        RefusalReason.NotFound => StatusCodes.Status404NotFound,
        RefusalReason.Conflict => StatusCodes.Status409Conflict,
        RefusalReason.OverPurchaseLimit => StatusCodes.Status422UnprocessableEntity,
        RefusalReason.StorageUnavailable or RefusalReason.AuditKey => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
