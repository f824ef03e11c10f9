using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>Where a page the operator's role does not allow sends them (HTTP 403), with the back office's own sentence.</summary>
public sealed class DeniedModel : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string? Function { get; set; }

    public Refused Why { get; private set; } = new("");

    public void OnGet()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Why = Enum.TryParse<Permission>(Function, out var permission) && Operator.Check(permission) is { } refusal
            ? Refused.Of(refusal)
            : new(L["operator '{0}' (role {1}) may not open that page", Operator.Login, Operator.Role]);
    }
}
