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

    public string Why { get; private set; } = "";

    public void OnGet()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Why = Enum.TryParse<Permission>(Function, out var permission) && Operator.Check(permission) is { } refusal
            ? refusal.Message
            : $"operator '{Operator.Login}' (role {Operator.Role}) may not open that page";
    }
}
