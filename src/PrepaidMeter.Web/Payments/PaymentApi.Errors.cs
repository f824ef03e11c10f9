using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace PrepaidMeter.Web.Payments;

public static partial class PaymentApi
{
    /// <summary>
    /// The one-line warning for <paramref name="listen"/> (host:port) when it is reachable from other machines: the API speaks
    /// plain HTTP, so a key sent to it can be read off the wire. Null on loopback (127.0.0.0/8, ::1, localhost).
    /// </summary>
    public static string? InClearWarning(string listen)
    {
        return Listening.IsLoopback(listen)
            ? null
            : $"the payment API on {listen} speaks plain HTTP to other machines: partners' API keys and payments cross the network in clear; put it behind a TLS reverse proxy";
    }

    private static IResult Error(int status, string message)
    {
        var json = Results.Json(new ErrorView(message), statusCode: status);
        // A 401 names the scheme the API takes (RFC 9110 asks for it); X-Api-Key carries the same key.
        return status == StatusCodes.Status401Unauthorized ? new WithHeader(json, HeaderNames.WWWAuthenticate, "Bearer") : json;
    }

    /// <summary>The post's body, or the answer refusing it: 415 not JSON by its Content-Type, 413 too large, 400 not a payment's JSON.</summary>
    private static async Task<(PaymentBody? Body, IResult? Refused)> ReadBody(HttpRequest request)
    {
        if (JsonContentProblem(request.ContentType) is { } notJson)
        {
            return (null, Error(StatusCodes.Status415UnsupportedMediaType, notJson));
        }

        using var buffer = new MemoryStream();
        try
        {
            // Kestrel stops the read past MaxBodyBytes, so the buffer stays small.
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            return (null, Error(e.StatusCode, BadRequestSentence(e)));
        }

        var (body, problem) = PaymentBodyReader.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        return problem is null ? (body, null) : (null, Error(StatusCodes.Status400BadRequest, problem));
    }

    /// <summary>Why a Content-Type is not JSON (application/json or application/*+json, UTF-8 if a charset is named); null when it is.</summary>
    private static string? JsonContentProblem(string? contentType)
    {
        const string Wanted = "the body must be JSON: send Content-Type: application/json";
        if (string.IsNullOrEmpty(contentType))
        {
            return $"{Wanted} (no Content-Type was sent)";
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !(media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || (media.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                && media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))))
        {
            return $"{Wanted}, not '{contentType}'";
        }

        return media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            ? $"the body must be JSON in UTF-8, not charset '{media.Charset}'"
            : null;
    }

    /// <summary>
    /// Answers the API does not write itself get the same JSON body as those it does: routing's 404 and 405, Kestrel's
    /// 413 and 400s, and a fault nobody expected (500), which must never show a stack trace to a partner.
    /// </summary>
    private static void UseJsonErrors(WebApplication app, ILogger log)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var fault = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var (status, message) = fault is BadHttpRequestException bad
                    ? (bad.StatusCode, BadRequestSentence(bad))
                    : (StatusCodes.Status500InternalServerError, "the payment API failed unexpectedly; retry with the same Idempotency-Key: a payment already taken is answered, never taken twice");
                if (status == StatusCodes.Status500InternalServerError)
                {
                    // The partner gets no stack trace, so the one who runs the API must be able to see it.
                    LogFault(log, context.Request.Method, context.Request.Path.Value, fault);
                }

                return Error(status, message).ExecuteAsync(context);
            },
        });
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var (status, method, path) = (http.Response.StatusCode, http.Request.Method, http.Request.Path.Value);
            var message = status switch
            {
                StatusCodes.Status404NotFound => $"no such resource: {method} {path}; the payment API has POST /v1/payments and GET /v1/payments/{{idempotency key}}",
                StatusCodes.Status405MethodNotAllowed => $"{method} is not allowed on {path}; the payment API has POST /v1/payments and GET /v1/payments/{{idempotency key}}",
                _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase.ToLowerInvariant() : $"HTTP {status}",
            };
            return Error(status, message).ExecuteAsync(http);
        });
    }

    private static string BadRequestSentence(BadHttpRequestException e) => e.StatusCode == StatusCodes.Status413PayloadTooLarge
        ? $"the body is larger than {MaxBodyBytes} bytes; a payment is a small JSON object"
        : $"the request could not be read: {e.Message}";

    [LoggerMessage(Level = LogLevel.Debug, Message = "the payment API answered 500 to {Method} {Path}")]
    private static partial void LogFault(ILogger log, string method, string? path, Exception? fault);

    /// <summary>An answer with one more header.</summary>
    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
