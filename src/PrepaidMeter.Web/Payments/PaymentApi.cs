using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrepaidMeter.Core;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Payments;

/// <summary>
/// The payment API for partners (banks collecting for the utility), on ASP.NET Core minimal APIs:
/// <c>POST /v1/payments</c> with the partner's key (<c>X-Api-Key</c> or <c>Authorization: Bearer</c>)
/// and an <c>Idempotency-Key</c>; <c>GET /v1/payments/{key}</c> to ask what became of one. A retried
/// post answers 200 with the payment already taken and <c>Idempotent-Replayed: true</c>; a new one 201.
/// Listens on 127.0.0.1 unless told otherwise. Every error answer, whoever gives it (our handlers, routing,
/// Kestrel's limits, an unexpected fault), is JSON <c>{"error": "..."}</c>: a partner's client parses one shape.
/// </summary>
public static partial class PaymentApi
{
    public const string DefaultListen = "127.0.0.1:5080";

    /// <summary>How many calls run against the books at once (below the provider's connection pool).</summary>
    public const int MaxConcurrentCalls = 8;

    /// <summary>The largest body a post may have: a payment is a few dozen bytes, so more is a mistake or an attack (HTTP 413).</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The request body: the customer (number) or the account (id), the amount as "20.00", the partner's reference.</summary>
    public sealed record PaymentBody(string? Customer, long? Account, string? Amount, string? Reference);

    /// <summary>A payment as the API shows it.</summary>
    public sealed record PaymentView(
        long Id, string IdempotencyKey, long Account, string Customer, string Amount, string Reference, string Status, string ReceivedAt, long? AppliedSale, bool Replayed);

    public sealed record ErrorView(string Error);

    /// <summary>The web application on <see cref="PaymentApiOptions.Listen"/>, not yet started.</summary>
    public static WebApplication Build(PaymentApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var office = options.Office;
        var builder = WebApplication.CreateSlimBuilder();
        // The counter's own console says what matters; Kestrel's information lines would drown it.
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, CallerOwnsLifetime>();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{options.Listen}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);
        var app = builder.Build();
        UseJsonErrors(app, options.Log);
        // A burst of requests (a partner retrying a batch) waits here without a thread, a few calls at a time.
        var gate = new SemaphoreSlim(MaxConcurrentCalls);
        var asynchronous = office.Database.NaturallyAsync;
        app.MapPost("/v1/payments", async (HttpRequest request) =>
        {
            // The body is read here, outside the gate: a slow client holds no call's place.
            var (body, refused) = await ReadBody(request);
            return refused ?? await OneAtATime(gate, asynchronous, () => Post(office, request, body!));
        });
        app.MapGet("/v1/payments/{key}", (HttpRequest request, string key) => OneAtATime(gate, asynchronous, async () =>
        {
            var found = await office.Payments.FindAsync(ApiKey(request), key);
            return found.Success ? Results.Ok(View(found.Value, replayed: false)) : Refused(found.Refusal);
        }));
        return app;
    }

    private static async Task<IResult> OneAtATime(SemaphoreSlim gate, bool asynchronous, Func<Task<IResult>> call)
    {
        await gate.WaitAsync();
        try
        {
            // Microsoft.Data.Sqlite's async methods complete synchronously, so on SQLite the call blocks whoever runs it
            // (for as long as SQLite waits for the write lock): a thread of its own, or blocked pool threads would starve
            // the pool Kestrel needs, and a starved pool answers nobody (408s). On a server the call awaits its socket.
            return asynchronous
                ? await call()
                : await await Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<IResult> Post(BackOffice office, HttpRequest request, PaymentBody body)
    {
        if (request.Headers["Idempotency-Key"].ToString() is not { Length: > 0 } idempotencyKey)
        {
            return Error(StatusCodes.Status400BadRequest, "an Idempotency-Key header is required: the partner's own name for this payment, reused on every retry");
        }

        if (!Money.Parse(body.Amount).TryGetValue(out var amount) || amount.Hundredths <= 0)
        {
            return Error(StatusCodes.Status400BadRequest, $"the body needs \"amount\" above zero as a decimal string such as \"20.00\"{(body.Amount is { } text ? $", not '{text}'" : "")}");
        }

        CustomerNumber? customer = null;
        if (body.Customer is { } number)
        {
            var parsed = CustomerNumber.Parse(number);
            if (!parsed.TryGetValue(out var value))
            {
                return Error(StatusCodes.Status400BadRequest, $"\"customer\": {parsed.Error}");
            }

            customer = value;
        }

        // Not cancelled by the client going away: a payment it stopped waiting for is taken, and its retry answered with it.
        var taken = await office.Payments.TakeAsync(ApiKey(request), new PaymentRequest(idempotencyKey, customer, body.Account, amount, body.Reference ?? ""));
        if (!taken.Success)
        {
            return Refused(taken.Refusal);
        }

        var view = View(taken.Value.Payment, taken.Value.Replayed);
        if (taken.Value.Replayed)
        {
            request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
            return Results.Ok(view);
        }

        return Results.Created($"/v1/payments/{Uri.EscapeDataString(idempotencyKey)}", view);
    }

    private static string ApiKey(HttpRequest request)
    {
        if (request.Headers["X-Api-Key"].ToString() is { Length: > 0 } key)
        {
            return key;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
    }

    private static IResult Refused(Refusal refusal) => Error(RefusalStatus.Of(refusal.Reason), refusal.Message);


    private static PaymentView View(Payment payment, bool replayed) => new(
        payment.Id, payment.IdempotencyKey, payment.AccountId, payment.Customer.ToString(), payment.Amount.ToString(), payment.Reference,
        payment.Status.ToString().ToLowerInvariant(), payment.ReceivedAt.ToString("O", CultureInfo.InvariantCulture), payment.AppliedSaleId, replayed);
}
