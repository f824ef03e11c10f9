using System.Data;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Sales;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Payments;

/// <summary>
/// Payments taken by third parties (the seeds' bank collection, 银行代收): a partner posts a payment for
/// a customer with its API key and an idempotency key; the money becomes a credit on the account, which
/// a counter writes to the card at the customer's next visit (<see cref="SaleService.CollectPaymentsAsync"/>).
/// A retried post with the same idempotency key returns the payment already taken — the database's
/// unique (partner, key) constraint decides, so even concurrent retries on several servers take it once.
/// </summary>
public sealed class PaymentService
{
    public const int MaxKeyLength = 100;
    private const string WaitingSql = PaymentRow.Select + " WHERE p.account_id = @accountId AND p.status = 'credited' ORDER BY p.id";
    private readonly VendingContext _context;

    internal PaymentService(VendingContext context) => _context = context;

    /// <summary>
    /// Registers a partner and returns its API key, shown only now (the books keep its SHA-256). A partner with
    /// <paramref name="maxAmount"/> has each of its payments refused above it; without, only the accounts' purchase limits apply.
    /// </summary>
    public VendResult<PartnerKey> AddPartner(OperatorSession session, string name, Money? maxAmount = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 60)
        {
            return Refuse.Invalid("a partner's name is 1 to 60 characters");
        }

        if (maxAmount is { Hundredths: <= 0 } max)
        {
            return Refuse.Invalid($"a partner's ceiling on one payment must be more than zero, not {max}");
        }

        // 32 random bytes: a key nobody guesses, so a fast hash is enough to keep it (no stretching needed).
        var key = "pmk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return _context.Write<PartnerKey>(session, Permission.SiteManagement, scope =>
        {
            if (scope.Scalar<long>("SELECT COUNT(*) FROM partners WHERE name = @name", new { name }) > 0)
            {
                return Refuse.Conflict($"a partner named '{name}' exists");
            }

            var id = scope.InsertCovered(AuditedTable.Partners,
                "INSERT INTO partners (name, key_hash, disabled, created_at, created_by, max_amount) VALUES (@name, @hash, 0, @at, @op, @max)",
                new { name, hash = Hash(key), at = scope.Stamp, op = scope.Operator, max = maxAmount?.Hundredths });
            scope.Log("partner add", name, $"partner {id}; API key issued; {(maxAmount is { } ceiling ? $"at most {ceiling} a payment" : "no ceiling of its own on a payment")}");
            return new PartnerKey(new Partner(id, name, false, scope.Now), key);
        });
    }

    /// <summary>Stops a partner's key working (a leaked key, an ended contract); its payments stay.</summary>
    public VendResult<Partner> DisablePartner(OperatorSession session, string name) =>
        _context.Write<Partner>(session, Permission.SiteManagement, scope =>
        {
            var row = scope.First<PartnerRow>("SELECT * FROM partners WHERE name = @name", new { name });
            if (row is null)
            {
                return Refuse.NotFound($"no partner '{name}'");
            }

            scope.ExecuteCovered(AuditedTable.Partners, "UPDATE partners SET disabled = 1 WHERE id = @Id", new { row.Id });
            scope.Log("partner disable", name, "API key no longer accepted");
            return row.ToModel() with { Disabled = true };
        });

    /// <summary>
    /// Takes a payment for an account; a second post with the same idempotency key returns the first, or is refused when it
    /// differs from it. Refused over the partner's ceiling, or over the account's purchase limit alone or with what already waits.
    /// </summary>
    public VendResult<PaymentTaken> Take(string apiKey, PaymentRequest request) => Io.Wait(Take(apiKey, request, Io.Sync));

    /// <summary>
    /// As <see cref="Take"/>, asynchronously end to end: on a server no thread waits while the database answers. Cancelling
    /// before the commit takes nothing; once committing, the payment is taken whatever the token says.
    /// </summary>
    public Task<VendResult<PaymentTaken>> TakeAsync(string apiKey, PaymentRequest request, CancellationToken cancellationToken = default) =>
        Take(apiKey, request, Io.Of(cancellationToken)).AsTask();

    /// <summary>A partner's payment by its idempotency key (the partner asking what became of it).</summary>
    public VendResult<Payment> Find(string apiKey, string idempotencyKey) => Io.Wait(Find(apiKey, idempotencyKey, Io.Sync));

    /// <summary>As <see cref="Find"/>, asynchronously end to end.</summary>
    public Task<VendResult<Payment>> FindAsync(string apiKey, string idempotencyKey, CancellationToken cancellationToken = default) =>
        Find(apiKey, idempotencyKey, Io.Of(cancellationToken)).AsTask();

    private ValueTask<VendResult<PaymentTaken>> Take(string apiKey, PaymentRequest request, Io io)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Validate(request) is { } invalid)
        {
            return ValueTask.FromResult<VendResult<PaymentTaken>>(invalid);
        }

        return _context.SellAsync<PaymentTaken>(null, null, async scope =>
        {
            // The key is checked on the payment's own connection: one connection a post, however many posts.
            var partner = await Authenticate(scope.Connection, scope.Transaction, apiKey, scope.Io);
            if (!partner.Success)
            {
                return partner.Refusal;
            }

            var who = partner.Value;
            if (await Existing(scope, who.Id, request.IdempotencyKey) is { } earlier)
            {
                return Replay(earlier, request);
            }

            var account = await ResolveAccount(scope, request);
            if (!account.Success)
            {
                return account.Refusal;
            }

            if (PaymentCeilings.OverPartner(who.Name, who.MaxAmount, request.Amount) is { } overPartner)
            {
                return overPartner;
            }

            // The unique (partner, key) constraint is the arbiter: a concurrent post of the same key waits for
            // this one, inserts nothing, and is answered with the payment this one took.
            var id = await scope.ScalarAsync<long?>(
                """
                INSERT INTO payments (partner_id, idempotency_key, account_id, amount, reference, status, received_at)
                VALUES (@partner, @key, @account, @amount, @reference, 'credited', @at)
                ON CONFLICT (partner_id, idempotency_key) DO NOTHING RETURNING id
                """,
                new { partner = who.Id, key = request.IdempotencyKey, account = account.Value, amount = request.Amount.Hundredths, reference = request.Reference, at = scope.Stamp });
            if (id is null)
            {
                return Replay((await Existing(scope, who.Id, request.IdempotencyKey))!, request);
            }

            // Checked with the payment inserted, so a concurrent post of the same key is answered by the constraint above
            // (a replay), never by a limit its own first post filled; a refusal here rolls the insert back.
            if (await PaymentCeilings.OverAccountAsync(scope, account.Value, id.Value, request.Amount) is { } overAccount)
            {
                return overAccount;
            }

            scope.Cover(AuditedTable.Payments, id.Value);

            await scope.LogAsAsync($"partner:{who.Name}", "payment", $"account {account.Value}",
                $"{request.Amount} taken by {who.Name}, idempotency key {request.IdempotencyKey}, reference {request.Reference}; written to the card at the next visit");
            return new PaymentTaken((await Load(scope, id.Value))!.ToModel(), false);
        }, io);
    }

    private ValueTask<VendResult<Payment>> Find(string apiKey, string idempotencyKey, Io io) =>
        _context.ReadAsync<Payment>(null, null, async connection =>
        {
            var partner = await Authenticate(connection, null, apiKey, io);
            if (!partner.Success)
            {
                return partner.Refusal;
            }

            return await io.First<PaymentRow>(connection, PaymentRow.Select + " WHERE p.partner_id = @id AND p.idempotency_key = @key", new { id = partner.Value.Id, key = idempotencyKey }, null)
                is { } row
                ? row.ToModel()
                : Refuse.NotFound($"no payment with idempotency key '{idempotencyKey}'");
        }, io);

    /// <summary>The payments waiting on an account, oldest first.</summary>
    public VendResult<IReadOnlyList<Payment>> Outstanding(OperatorSession session, long accountId) =>
        _context.Read<IReadOnlyList<Payment>>(session, Permission.Queries, connection =>
            connection.Query<PaymentRow>(WaitingSql, new { accountId })
                .Select(r => r.ToModel()).ToList());

    internal static List<PaymentRow> OutstandingRows(WriteScope scope, long accountId) =>
        [.. scope.Query<PaymentRow>(WaitingSql, new { accountId })];

    /// <summary>The partner the key names. No key or an unknown one is a failed login (HTTP 401); a disabled partner's key is known but not allowed (403).</summary>
    private static async ValueTask<VendResult<PartnerRow>> Authenticate(IDbConnection connection, IDbTransaction? transaction, string apiKey, Io io)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return new Refusal(RefusalReason.LoginFailed, "no API key: send the partner's key as X-Api-Key or Authorization: Bearer");
        }

        var row = await io.First<PartnerRow>(connection, "SELECT * FROM partners WHERE key_hash = @hash", new { hash = Hash(apiKey) }, transaction);
        if (row is null)
        {
            return new Refusal(RefusalReason.LoginFailed, "unknown API key");
        }

        return row.Disabled != 0 ? new Refusal(RefusalReason.NoPermission, $"partner '{row.Name}' is disabled: its API key is no longer accepted") : row;
    }

    private static Refusal? Validate(PaymentRequest request)
    {
        var key = request.IdempotencyKey;
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            return Refuse.Invalid($"the idempotency key must be 1 to {MaxKeyLength} printable ASCII characters without spaces");
        }

        if (request.Amount.Hundredths <= 0)
        {
            return Refuse.Invalid($"a payment must be more than zero, not {request.Amount}");
        }

        if (request.Reference.Length > 100)
        {
            return Refuse.Invalid("the reference is at most 100 characters");
        }

        return (request.Customer, request.AccountId) switch
        {
            (null, null) => Refuse.Invalid("name the customer (customer number) or the account"),
            _ => null,
        };
    }

    /// <summary>The open account the request names, its row locked to commit: payments for one account are checked against its limit one after another.</summary>
    private static async ValueTask<VendResult<long>> ResolveAccount(WriteScope scope, PaymentRequest request)
    {
        var open = (await scope.QueryAsync<(long Id, long Customer, long Tokens)>(
            """
            SELECT a.id, c.number, (SELECT COUNT(*) FROM token_meters t WHERE t.account_id = a.id) AS tokens
            FROM accounts a JOIN customers c ON c.id = a.customer_id
            WHERE a.status = 'open' AND (@account IS NULL OR a.id = @account) AND (@customer IS NULL OR c.number = @customer)
            ORDER BY a.id
            """ + scope.LockRowsOf("a"),
            new { account = request.AccountId, customer = request.Customer is { } c ? (long?)c.Value : null })).ToList();
        return open switch
        {
            [] => Refuse.NotFound(request.AccountId is { } id ? $"no open account {id}{(request.Customer is { } n ? $" of customer {n}" : "")}" : $"customer {request.Customer} has no open account"),
            // A partner's payment waits to be written to the account's card at its next visit; a keypad token account has no
            // card, and a token is issued only with a sale at the counter, so the money would wait for ever.
            [{ Tokens: > 0 } only] => Refuse.Invalid($"account {only.Id} is a keypad token account: a partner payment is written to a card, and it has none; its customer buys tokens at the counter"),
            [var only] => only.Id,
            _ => Refuse.Invalid($"customer {request.Customer} has {open.Count} open accounts ({string.Join(", ", open.Select(a => a.Id))}): name the account"),
        };
    }

    private static ValueTask<PaymentRow?> Existing(WriteScope scope, long partnerId, string key) =>
        scope.FirstAsync<PaymentRow>(PaymentRow.Select + " WHERE p.partner_id = @partnerId AND p.idempotency_key = @key", new { partnerId, key });

    private static ValueTask<PaymentRow?> Load(WriteScope scope, long id) => scope.FirstAsync<PaymentRow>(PaymentRow.Select + " WHERE p.id = @id", new { id });

    /// <summary>The payment taken earlier under the key, when the request is the same payment (a retry); a conflict when it is another.</summary>
    private static VendResult<PaymentTaken> Replay(PaymentRow earlier, PaymentRequest request)
    {
        var payment = earlier.ToModel();
        // A request may name the account, the customer or both; what it names must be what the payment went to.
        List<string> differs = [];
        if (request.Amount != payment.Amount)
        {
            differs.Add($"amount {payment.Amount}, not {request.Amount}");
        }

        if (request.AccountId is { } account && account != payment.AccountId)
        {
            differs.Add($"account {payment.AccountId}, not {account}");
        }

        if (request.Customer is { } customer && customer != payment.Customer)
        {
            differs.Add($"customer {payment.Customer}, not {customer}");
        }

        if (!string.Equals(request.Reference, payment.Reference, StringComparison.Ordinal))
        {
            differs.Add($"reference '{payment.Reference}', not '{request.Reference}'");
        }

        return differs.Count == 0
            ? new PaymentTaken(payment, true)
            : Refuse.Conflict($"idempotency key '{request.IdempotencyKey}' was used for a different payment ({string.Join("; ", differs)}); use a new key for a new payment");
    }

    private static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    private sealed class PartnerRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public long Disabled { get; init; }
        public string CreatedAt { get; init; } = "";
        public long? MaxAmount { get; init; }

        public Partner ToModel() => new(Id, Name, Disabled != 0, Rows.Time(CreatedAt));
    }

    internal sealed class PaymentRow
    {
        public const string Select = """
            SELECT p.id, pa.name AS partner, p.idempotency_key, p.account_id, c.number AS customer_number, p.amount, p.reference, p.status,
                   p.received_at, p.applied_sale_id
            FROM payments p JOIN partners pa ON pa.id = p.partner_id JOIN accounts a ON a.id = p.account_id JOIN customers c ON c.id = a.customer_id
            """;

        public long Id { get; init; }
        public string Partner { get; init; } = "";
        public string IdempotencyKey { get; init; } = "";
        public long AccountId { get; init; }
        public long CustomerNumber { get; init; }
        public long Amount { get; init; }
        public string Reference { get; init; } = "";
        public string Status { get; init; } = "";
        public string ReceivedAt { get; init; } = "";
        public long? AppliedSaleId { get; init; }

        public Payment ToModel() => new(Id, Partner, IdempotencyKey, AccountId, Core.CustomerNumber.From(checked((ulong)CustomerNumber)), Money.FromHundredths(Amount),
            Reference, Rows.Enum<PaymentStatus>(Status), Rows.Time(ReceivedAt), AppliedSaleId);
    }
}
