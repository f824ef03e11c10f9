using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// Before any handler of a <see cref="ConsolePage"/>: the operator's back-office session from the cookie's session id (none —
/// the console restarted, the clerk signed out elsewhere — means sign in again), then the page's function checked against the
/// operator's role exactly as the service will check it (and the handler's, when it names one); a refusal goes to the "not allowed" page (HTTP 403) naming it.
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
            NeedsAttribute?[] needed = [page.GetType().GetCustomAttribute<NeedsAttribute>(), context.HandlerMethod?.MethodInfo.GetCustomAttribute<NeedsAttribute>()];
            if (needed.FirstOrDefault(n => n is not null && session.Check(n.Permission) is not null) is { } lacking)
            {
                context.Result = new RedirectToPageResult("/Denied", new { function = lacking.Permission.ToString() });
                return;
            }
        }

        await next();
    }
}
