using Microsoft.AspNetCore.Http;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// Headers on every answer of the console: no framing by other sites (clickjacking a sale), no script, style or form target
/// other than the console's own, no MIME sniffing, no referrer leaving the site, and no caching of pages that show customers
/// and money. A page that serves a document of its own (a printed receipt, with its inline print styles) sets its own policy first.
/// </summary>
internal static class SecureHeaders
{
    public const string Policy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>A printed receipt or invoice, or a lab report: a document with its own inline styles and data: images, nothing else, framed by the console only.</summary>
    public const string PrintedPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    public static async Task Add(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.TryAdd("Content-Security-Policy", Policy);
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("X-Frame-Options", "SAMEORIGIN");
            headers.TryAdd("Referrer-Policy", "no-referrer");
            headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
            headers.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
            headers.TryAdd("Cache-Control", "no-store");
            return Task.CompletedTask;
        });
        await next();
    }
}
