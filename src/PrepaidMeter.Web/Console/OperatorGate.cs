using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// Before any handler of a <see cref="ConsolePage"/>: the operator's back-office session from the cookie's session id (none —
/// the console restarted, the clerk signed out elsewhere — means sign in again), then the page's function checked against the
/// operator's role exactly as the service will check it; a refusal goes to the "not allowed" page (HTTP 403) naming it.
/// </summary>
internal sealed class OperatorGate(SignedInOperators operators) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HandlerInstance is ConsolePage page && context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            var session = operators.Find(context.HttpContext.User.FindFirst(SignedInOperators.SessionClaim)?.Value);
            if (session is null)
            {
                context.Result = new ChallengeResult();
                return;
            }

            page.Operator = session;
            if (page.GetType().GetCustomAttribute<NeedsAttribute>() is { } needs && session.Check(needs.Permission) is not null)
            {
                context.Result = new RedirectToPageResult("/Denied", new { function = needs.Permission.ToString() });
                return;
            }
        }

        await next();
    }
}
