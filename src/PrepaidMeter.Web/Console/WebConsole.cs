using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrepaidMeter.Web.Meters;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// The web console (docs/web.md): server-rendered Razor Pages over the same back-office services the CLI calls. Every form
/// works with JavaScript off; every POST carries an antiforgery token (Razor Pages refuse one without: HTTP 400); the operator
/// signs in with the back office's own login and lock-out, and every page checks the same permission table as the CLI.
/// </summary>
public static class WebConsole
{
    public const string DefaultListen = "127.0.0.1:5000";

    /// <summary>The one-line warning for <paramref name="listen"/> off this machine: sign-in passwords and customers' data would cross the network in clear.</summary>
    public static string? InClearWarning(string listen) => Listening.IsLoopback(listen)
        ? null
        : $"the web console on {listen} speaks plain HTTP to other machines: operators' passwords, session cookies and customers' data cross the network in clear; put it behind a TLS reverse proxy (docs/web.md)";

    /// <summary>The web application on <see cref="WebConsoleOptions.Listen"/>, not yet started.</summary>
    public static WebApplication Build(WebConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The pages are compiled into this assembly: naming it the application makes Razor Pages find them whoever hosts it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(WebConsole).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, CallerOwnsLifetime>();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{options.Listen}");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new SignedInOperators(options.Office.Time));
        // Disposed with the application (a singleton the container made).
        builder.Services.AddSingleton(_ => new CounterDesk(options.Reader, options.ReaderName, options.SecondReader, options.SecondReaderName));
        builder.Services.AddSingleton<TimeProvider>(options.Office.Time);
        builder.Services.AddSingleton(new MeterShelf(options.Meters, options.Office.Time));
        // The lab's runs, in memory; disposed with the application, which stops a run still playing.
        builder.Services.AddSingleton(_ => new LabRuns(options.Office.Time, options.LabStack));
        // Sessions live in this process only (SignedInOperators), so the cookie's keys may too: nothing is written to disk.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.LogoutPath = "/signout";
            cookie.AccessDeniedPath = "/denied";
            cookie.Cookie.Name = "prepaid.console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(10); // a counter's working day
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = context =>
            {
                // A session stands while its operator is neither disabled nor given another role: asked on every request,
                // since a console's session lives all day and permissions are read once, at sign-in.
                var operators = context.HttpContext.RequestServices.GetRequiredService<SignedInOperators>();
                var id = context.Principal?.FindFirst(SignedInOperators.SessionClaim)?.Value;
                if (operators.Find(id) is not { } session || !options.Office.Operators.IsCurrent(session))
                {
                    operators.Remove(id);
                    context.RejectPrincipal();
                }

                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "prepaid.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // The pages' words from ConsoleText's resources (English is the keys themselves); docs/web.md, "Languages".
        builder.Services.AddLocalization();
        builder.Services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AllowAnonymousToPage("/SignIn");
            pages.Conventions.AllowAnonymousToPage("/Language");
        }).AddMvcOptions(mvc => mvc.Filters.Add<OperatorGate>());
        builder.Services.AddSingleton<OperatorGate>();

        // Behind the TLS reverse proxy docs/web.md describes (on this machine), the request's scheme is the proxy's: the
        // cookies are then Secure. Forwarded headers are believed from loopback only (the options' default networks).
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded => forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedProto);

        var app = builder.Build();
        // A run still playing ends (as stopped) when the console begins to stop, so its page's stream ends with it rather than
        // hold the shutdown up; the runs are disposed with the services afterwards.
        app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<LabRuns>().Stop());
        app.UseForwardedHeaders();
        // Each request's culture (words and numbers) from the clerk's switch or the browser; the host's own culture is never used.
        app.UseRequestLocalization(ConsoleLanguages.Options());
        app.Use(ServerTiming.Add);
        app.Use(SecureHeaders.Add);
        app.UseExceptionHandler(failure => failure.Run(async context =>
        {
            var fault = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
            if (options.Log.IsEnabled(LogLevel.Debug))
            {
                options.Log.LogDebug(fault, "the web console failed on {Path}", context.Request.Path);
            }

            var database = options.Office.Database;
            var down = fault is not null && database.IsUnavailable(fault);
            context.Response.StatusCode = down ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(down
                ? $"The database {database.Describe} is not answering; nothing was recorded. Try again when it is back."
                : "The console failed on this request; nothing was half-done (each change is one transaction). The console's log (prepaid -v web) says why.");
        }));
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/console.css", () => Results.Text(ConsoleStyle.Css, "text/css; charset=utf-8")).AllowAnonymous();
        foreach (var script in ConsoleScripts.Names)
        {
            app.MapGet("/" + script, () => Results.Text(ConsoleScripts.Text(script), "text/javascript; charset=utf-8")).AllowAnonymous();
        }
        app.MapRazorPages();
        return app;
    }
}
